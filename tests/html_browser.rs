//! The HTML page in a real browser: headless Chromium (Debian package `chromium`) loads
//! the page of a revision pair, and the test asserts on the DOM it dumps; screenshots of
//! both views are saved under `target/` to look at. Extended: `.ci/run` installs
//! Chromium when missing and runs `cargo test --release --test html_browser -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use naskh::diff::{DiffOptions, diff, render};

fn chromium() -> PathBuf {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
    .expect("Chromium is installed (apt-get install chromium)")
}

/// Run headless Chromium on `page` with `args` (no network, fresh profile).
fn browse(page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1200,1600",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("Chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 DOM")
}

/// For every run of marks (`<del>`/`<ins>`) in `dom`: the text character before it, its
/// first and last characters, and the text character after it (tags skipped).
fn mark_edges(dom: &str) -> Vec<[Option<char>; 4]> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut last_outside: Option<char> = None;
    // The run being read: [before, first, last, after].
    let mut run: Option<[Option<char>; 4]> = None;
    let mut closed = false;
    let b = dom.as_bytes();
    let mut i = 0;
    while i < dom.len() {
        if b[i] == b'<' {
            let end = dom[i..].find('>').map_or(dom.len(), |e| i + e + 1);
            let tag = &dom[i..end];
            if tag.starts_with("<del") || tag.starts_with("<ins") {
                if run.is_none() {
                    run = Some([last_outside, None, None, None]);
                }
                closed = false;
                depth += 1;
            } else if tag.starts_with("</del") || tag.starts_with("</ins") {
                depth -= 1;
                closed = depth == 0;
            } else if tag.starts_with("</p") || tag.starts_with("<p") || tag.starts_with("</div") {
                // A paragraph's edge ends a run with nothing after it.
                if let Some(r) = run.take() {
                    out.push(r);
                }
                last_outside = None;
            }
            i = end;
            continue;
        }
        let c = dom[i..].chars().next().unwrap();
        if depth > 0 {
            if let Some(r) = run.as_mut() {
                r[1].get_or_insert(c);
                r[2] = Some(c);
            }
        } else {
            if closed && let Some(mut r) = run.take() {
                r[3] = Some(c);
                out.push(r);
            }
            closed = false;
            last_outside = Some(c);
        }
        i += c.len_utf8();
    }
    out
}

/// Letters join across an element boundary only between word characters.
fn wordy(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_alphanumeric() || c == '\u{0640}' || naskh::normalize::is_combining_mark(c)
    })
}

#[test]
#[ignore = "needs Chromium (apt-get install chromium)"]
fn page_in_headless_chromium() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/revisions");
    let old = std::fs::read_to_string(dir.join("unemployment.old.txt")).unwrap();
    let new = std::fs::read_to_string(dir.join("unemployment.new.txt")).unwrap();
    let d = diff(&old, &new, &DiffOptions::default());
    let html = render::html(&d, &Default::default());
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("diff.html");
    std::fs::write(&page, &html).unwrap();

    let dom = browse(&page, &["--dump-dom"]);
    assert!(
        dom.contains("<html lang=\"ar\" dir=\"rtl\">"),
        "{}",
        &dom[..200.min(dom.len())]
    );
    // The article's <script> stayed text: no script element in the live DOM.
    assert!(!dom.contains("<script"), "a script element was created");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Changes are isolated and marked on whole words: no mark touches a letter outside it.
    let marks = dom.matches("<del").count() + dom.matches("<ins").count();
    assert!(marks >= 20, "{marks} marks");
    assert!(dom.matches("<bdi>").count() >= marks);
    let edges = mark_edges(&dom);
    assert!(edges.len() >= 10, "{edges:?}");
    for [before, first, last, after] in edges {
        assert!(
            !(wordy(before) && wordy(first)),
            "a mark starts inside a word: {before:?}{first:?}"
        );
        assert!(
            !(wordy(last) && wordy(after)),
            "a mark ends inside a word: {last:?}{after:?}"
        );
    }
    // Classes as badges, invisible characters shown, moves linked, both views there.
    for needle in [
        "class=\"badge diacritics\"",
        "class=\"badge orthography\"",
        "class=\"badge moved\"",
        "<span class=\"inv\">⟨RLM⟩</span>",
        "href=\"#n",
        "class=\"side\"",
        "class=\"inline\"",
    ] {
        assert!(dom.contains(needle), "{needle}");
    }

    // The CSS view switch: each view shows its own elements and hides the other's, as
    // the browser computes the style (a script added to a copy of the page counts them).
    for (view, page_html) in [("inline", html.clone()), ("side", side_view(&html))] {
        let probed = tmp.path().join(format!("probe-{view}.html"));
        std::fs::write(&probed, page_html.replace("</body>", PROBE)).unwrap();
        let dom = browse(&probed, &["--dump-dom"]);
        let shown = |class: &str| -> usize {
            let key = format!("data-{class}=\"");
            let at = dom
                .find(&key)
                .unwrap_or_else(|| panic!("no probe result in {view}"))
                + key.len();
            dom[at..].split('"').next().unwrap().parse().unwrap()
        };
        let (inline, side) = (shown("inline"), shown("side"));
        match view {
            "inline" => assert!(
                inline > 0 && side == 0,
                "inline view shows {inline} inline, {side} side"
            ),
            _ => assert!(
                side > 0 && inline == 0,
                "side view shows {inline} inline, {side} side"
            ),
        }
    }

    // Unchanged blocks are folded: the dateline (unchanged) is not displayed; the toggle
    // for all of them shows it; a link to it (its anchor as the URL's fragment) opens its
    // run. Each fact links to a block that is on the page.
    let dateline = "القاهرة - وكالات";
    assert!(html.contains(dateline));
    for (name, page_html, fragment, displayed) in [
        ("folded", html.clone(), "", false),
        (
            "all",
            html.replace("id=\"show-same\"", "id=\"show-same\" checked"),
            "",
            true,
        ),
        ("target", html.clone(), "#n1", true),
    ] {
        let probed = tmp.path().join(format!("fold-{name}.html"));
        std::fs::write(&probed, page_html.replace("</body>", &fold_probe(dateline))).unwrap();
        let url = format!("{}{fragment}", probed.display());
        let dom = browse(Path::new(&url), &["--dump-dom"]);
        let shown = dom.contains("data-same=\"1\"");
        assert!(dom.contains("data-same="), "no probe result in {name}");
        assert_eq!(shown, displayed, "{name}: dateline displayed = {shown}");
    }
    let ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let fact_links: Vec<&str> = html
        .split("<li class=\"fact\"><a href=\"#")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert_eq!(fact_links.len(), d.facts.len(), "every fact has a link");
    for l in fact_links {
        assert!(ids.contains(&l), "fact links to #{l}, not on the page");
    }

    // Screenshots of both views, to look at.
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).unwrap();
    let shot = target.join("naskh-diff-inline.png");
    browse(&page, &[&format!("--screenshot={}", shot.display())]);
    let side_page = tmp.path().join("side.html");
    std::fs::write(&side_page, side_view(&html)).unwrap();
    let side_shot = target.join("naskh-diff-side.png");
    browse(
        &side_page,
        &[&format!("--screenshot={}", side_shot.display())],
    );
    for s in [shot, side_shot] {
        let png = std::fs::read(&s).unwrap();
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 10_000,
            "{}",
            s.display()
        );
    }
}

/// Writes `data-same="1"` into the body when an element whose text is `text` is
/// displayed (after the page has scrolled to its fragment), `0` when not.
fn fold_probe(text: &str) -> String {
    format!(
        "<script>addEventListener('load', () => {{\
const hit = [...document.querySelectorAll('.same .entry')].find(e => e.textContent.trim() === '{text}');\
const shown = hit && getComputedStyle(hit).display !== 'none' && hit.getClientRects().length > 0;\
document.body.setAttribute('data-same', shown ? '1' : '0');\
}});</script></body>"
    )
}

/// The page as it opens with the side-by-side view chosen.
fn side_view(html: &str) -> String {
    html.replace("id=\"view-inline\" checked", "id=\"view-inline\"")
        .replace("id=\"view-side\"", "id=\"view-side\" checked")
}

/// Counts the `.inline` and `.side` elements the browser displays and writes them into
/// the body's attributes, for `--dump-dom` to show. Only ever added to test copies.
const PROBE: &str = "<script>\
for (const c of ['inline', 'side']) {\
  const n = [...document.querySelectorAll('.' + c)]\
    .filter(e => getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0).length;\
  document.body.setAttribute('data-' + c, String(n));\
}\
</script></body>";

/// The checker itself: a mark inside a word is caught; whole words and punctuation pass.
#[test]
fn mark_edges_catch_a_mark_inside_a_word() {
    let bad = "<p>الحكوم<ins><bdi>ة</bdi></ins> قالت</p>";
    let [before, first, ..] = mark_edges(bad)[0];
    assert!(wordy(before) && wordy(first));
    let good = "<p>قالت <del><bdi>الحكومة</bdi></del><ins><bdi>الوزارة</bdi></ins>، نعم</p>";
    let e = mark_edges(good);
    assert_eq!(e.len(), 1);
    let [before, first, last, after] = e[0];
    assert_eq!(
        (before, first, last, after),
        (Some(' '), Some('ا'), Some('ة'), Some('،'))
    );
    let cuts_a_word = |a, b| wordy(a) && wordy(b);
    assert!(!cuts_a_word(before, first));
    assert!(!cuts_a_word(last, after));
}
