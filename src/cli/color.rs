//! The one decision whether naskh colours its output, for every command that colours.
//!
//! `--color always|never` decides alone. Under `auto`, in this order:
//! 1. `NO_COLOR` set and not empty: no colours (<https://no-color.org>);
//! 2. `CLICOLOR_FORCE` set, not empty and not `0`: colours, even into a pipe
//!    (<https://bixense.com/clicolors/>);
//! 3. `TERM=dumb`: no colours (a terminal that shows escape sequences as text);
//! 4. as git's external diff, what git would do: git passes an external diff no flag and
//!    no variable for `--no-color` or `--color` (checked with git 2.47: only the seven
//!    arguments, `GIT_DIFF_PATH_COUNTER`, `GIT_DIFF_PATH_TOTAL` and, when it started a
//!    pager, `GIT_PAGER_IN_USE`), so naskh reads git's own command line (its parent, or
//!    the parent of the shell git ran it through) for the last `--color[=WHEN]` or
//!    `--no-color`, and else asks `git config --get-colorbool color.diff` whether
//!    git colours into its pager (or terminal);
//! 5. else: when standard output is a terminal.

use std::ffi::OsString;
use std::io::IsTerminal;

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Color {
    /// When standard output is a terminal (or git's pager), unless `NO_COLOR` is set or
    /// `TERM=dumb`; always when `CLICOLOR_FORCE` is set; as git's `--color`/`--no-color`
    /// when naskh is git's external diff.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// What the decision reads from the environment (gathered by [`Environment::current`],
/// plain data so the decision is tested without a terminal).
#[derive(Clone, Debug, Default)]
pub(crate) struct Environment {
    pub(crate) no_color: Option<OsString>,
    pub(crate) clicolor_force: Option<OsString>,
    pub(crate) term: Option<OsString>,
    /// Standard output is a terminal (and is where the output goes).
    pub(crate) terminal: bool,
    /// As git's external diff: what git decided (`None` outside git).
    pub(crate) git: Option<bool>,
}

impl Environment {
    /// The environment of this process; `to_stdout` when the output goes to standard
    /// output (not `-o FILE`), `git` when naskh runs as git's external diff.
    pub(crate) fn current(to_stdout: bool, git: bool) -> Self {
        Environment {
            no_color: std::env::var_os("NO_COLOR"),
            clicolor_force: std::env::var_os("CLICOLOR_FORCE"),
            term: std::env::var_os("TERM"),
            terminal: to_stdout && std::io::stdout().is_terminal(),
            git: (git && to_stdout).then(git_colours),
        }
    }
}

fn set(v: &Option<OsString>) -> bool {
    v.as_ref().is_some_and(|v| !v.is_empty())
}

/// Whether to colour: `choice` (`--color`) in `env`, by the order in the module docs.
pub(crate) fn use_color(choice: Color, env: &Environment) -> bool {
    match choice {
        Color::Always => return true,
        Color::Never => return false,
        Color::Auto => {}
    }
    if set(&env.no_color) {
        return false;
    }
    if set(&env.clicolor_force) && env.clicolor_force.as_deref() != Some("0".as_ref()) {
        return true;
    }
    if env.term.as_deref() == Some("dumb".as_ref()) {
        return false;
    }
    env.git.unwrap_or(env.terminal)
}

/// The last `--color[=WHEN]` / `--no-color` among git's arguments (before `--`), if any.
fn git_flag<S: AsRef<str>>(args: &[S]) -> Option<bool> {
    let mut said = None;
    for a in args.iter().map(AsRef::as_ref) {
        match a {
            "--" => break,
            "--no-color" | "--color=never" => said = Some(false),
            "--color" | "--color=always" => said = Some(true),
            // `auto`: as git would without the flag.
            "--color=auto" => said = None,
            _ => {}
        }
    }
    said
}

/// The command line of process `pid` and its parent's id (Linux `/proc`).
fn process(pid: u32) -> Option<(Vec<String>, u32)> {
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let args = cmdline
        .split(|&b| b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses.
    let ppid = stat
        .rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some((args, ppid))
}

/// Whether git, which runs naskh as its external diff, colours this output.
fn git_colours() -> bool {
    let pager = std::env::var_os("GIT_PAGER_IN_USE").is_some_and(|v| !v.is_empty());
    // git, or a shell git ran the command through (`diff.external` with arguments).
    let mut pid = std::os::unix::process::parent_id();
    for _ in 0..2 {
        let Some((args, ppid)) = process(pid) else {
            break;
        };
        let is_git = args
            .first()
            .is_some_and(|a| a.rsplit('/').next().is_some_and(|n| n == "git"));
        if is_git {
            if let Some(said) = git_flag(&args) {
                return said;
            }
            break;
        }
        pid = ppid;
    }
    // git's configuration (`color.diff`, `color.ui`, `-c` passed on in
    // GIT_CONFIG_PARAMETERS): "auto" means colours when git writes to a terminal or its
    // pager; git writes to naskh's standard output.
    let terminal = pager || std::io::stdout().is_terminal();
    std::process::Command::new("git")
        .args(["config", "--get-colorbool", "color.diff"])
        .arg(if terminal { "true" } else { "false" })
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or(pager, |o| o.stdout.trim_ascii() == b"true")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(f: impl FnOnce(&mut Environment)) -> Environment {
        let mut e = Environment::default();
        f(&mut e);
        e
    }

    #[test]
    fn the_options_decide_alone() {
        let everything_off = env(|e| e.no_color = Some("1".into()));
        assert!(use_color(Color::Always, &everything_off));
        let everything_on = env(|e| {
            e.terminal = true;
            e.clicolor_force = Some("1".into());
        });
        assert!(!use_color(Color::Never, &everything_on));
    }

    #[test]
    fn auto_reads_the_environment_in_order() {
        assert!(use_color(Color::Auto, &env(|e| e.terminal = true)));
        assert!(!use_color(Color::Auto, &env(|_| {})));
        // NO_COLOR turns a terminal's colours off; empty means unset.
        let nc = |v: &str| {
            env(|e| {
                e.terminal = true;
                e.no_color = Some(v.into());
            })
        };
        assert!(!use_color(Color::Auto, &nc("1")));
        assert!(use_color(Color::Auto, &nc("")));
        // CLICOLOR_FORCE colours a pipe, but not against NO_COLOR; 0 is off.
        let force = |v: &str| env(|e| e.clicolor_force = Some(v.into()));
        assert!(use_color(Color::Auto, &force("1")));
        assert!(!use_color(Color::Auto, &force("0")));
        assert!(!use_color(Color::Auto, &force("")));
        let both = env(|e| {
            e.clicolor_force = Some("1".into());
            e.no_color = Some("1".into());
        });
        assert!(!use_color(Color::Auto, &both));
        // TERM=dumb: a terminal without colours.
        let dumb = env(|e| {
            e.terminal = true;
            e.term = Some("dumb".into());
        });
        assert!(!use_color(Color::Auto, &dumb));
        // Under git, git's decision, whatever naskh's standard output is.
        assert!(use_color(Color::Auto, &env(|e| e.git = Some(true))));
        let git_no = env(|e| {
            e.terminal = true;
            e.git = Some(false);
        });
        assert!(!use_color(Color::Auto, &git_no));
    }

    #[test]
    fn git_flags_last_one_wins() {
        assert_eq!(git_flag(&["git", "diff"]), None);
        assert_eq!(git_flag(&["git", "diff", "--no-color"]), Some(false));
        assert_eq!(git_flag(&["git", "diff", "--color=never"]), Some(false));
        assert_eq!(
            git_flag(&["git", "diff", "--no-color", "--color"]),
            Some(true)
        );
        assert_eq!(
            git_flag(&["git", "log", "-p", "--color=always"]),
            Some(true)
        );
        // After `--`, a path.
        assert_eq!(git_flag(&["git", "diff", "--", "--no-color"]), None);
    }
}
