//! A snapshot body read back as a tree: the layout [`crate::snapshot::render`] writes
//! (keys, `- ` items, two-space indents, one scalar a line), read by indentation. Not a
//! general YAML parser: a body in another layout gives what can be read of it. Pure
//! functions, never fails.

/// A value read from a snapshot body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Node {
    /// A scalar, as written (quoted or not).
    Scalar(String),
    /// A map, keys in order.
    Map(Vec<(String, Node)>),
    /// A list.
    List(Vec<Node>),
}

impl Node {
    pub(super) fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text that identifies an item: its `text`, or the item itself if a scalar.
    pub(super) fn key_text(&self) -> String {
        match self {
            Node::Scalar(s) => unquote(s),
            Node::Map(_) => self.get("text").map(Node::key_text).unwrap_or_default(),
            Node::List(_) => String::new(),
        }
    }
}

/// A scalar's text: single quotes and double quotes undone (`''` as `'`, the common
/// escapes), plain text as it is.
pub(super) fn unquote(s: &str) -> String {
    if let Some(inner) = s.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')) {
        return inner.replace("''", "'");
    }
    if let Some(inner) = s.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        return inner
            .replace("\\\"", "\"")
            .replace("\\n", "\n")
            .replace("\\t", "\t")
            .replace("\\\\", "\\");
    }
    s.to_string()
}

/// The body as a tree, read line by line by indentation (the layout `render` writes).
pub(super) fn parse(body: &str) -> Node {
    let lines: Vec<(usize, &str)> = body
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            (
                l.len() - l.trim_start_matches(' ').len(),
                l.trim_start_matches(' '),
            )
        })
        .collect();
    let mut i = 0;
    let Some(&(indent, first)) = lines.first() else {
        return Node::Map(Vec::new());
    };
    if is_item(first) {
        parse_list(&lines, &mut i, indent)
    } else if split_key(first).is_some() {
        parse_map(&lines, &mut i, indent, None)
    } else {
        Node::Scalar(first.to_string())
    }
}

/// A value on its key's line: `[]` and `{}` are an empty list and map, anything else a
/// scalar (a flow list of numbers stays one scalar: it is compared whole).
fn inline(v: &str) -> Node {
    match v {
        "[]" => Node::List(Vec::new()),
        "{}" => Node::Map(Vec::new()),
        other => Node::Scalar(other.to_string()),
    }
}

fn is_item(l: &str) -> bool {
    l == "-" || l.starts_with("- ")
}

/// `key: value` or `key:` (a plain key); `None` for a scalar.
fn split_key(l: &str) -> Option<(&str, &str)> {
    if l.starts_with(['\'', '"', '[', '{']) {
        return None;
    }
    if let Some(k) = l.strip_suffix(':') {
        return Some((k, ""));
    }
    l.split_once(": ")
}

/// A map whose keys stand at `indent`; `first` is a line already taken off (the part of
/// a list item after its dash).
fn parse_map(lines: &[(usize, &str)], i: &mut usize, indent: usize, first: Option<&str>) -> Node {
    let mut map = Vec::new();
    let mut pending = first;
    loop {
        let line = match pending.take() {
            Some(l) => l,
            None => match lines.get(*i) {
                Some(&(ind, l)) if ind == indent && !is_item(l) => {
                    *i += 1;
                    l
                }
                _ => break,
            },
        };
        let Some((k, v)) = split_key(line) else {
            break;
        };
        let value = if !v.is_empty() {
            inline(v)
        } else {
            match lines.get(*i) {
                Some(&(ind, l)) if ind == indent && is_item(l) => parse_list(lines, i, indent),
                Some(&(ind, _)) if ind > indent => parse_map(lines, i, ind, None),
                _ => Node::Scalar(String::new()),
            }
        };
        map.push((k.to_string(), value));
    }
    Node::Map(map)
}

/// A list whose dashes stand at `indent`.
fn parse_list(lines: &[(usize, &str)], i: &mut usize, indent: usize) -> Node {
    let mut items = Vec::new();
    while let Some(&(ind, l)) = lines.get(*i) {
        if ind != indent || !is_item(l) {
            break;
        }
        *i += 1;
        let rest = l.strip_prefix('-').unwrap_or("").trim_start();
        let item = if rest.is_empty() {
            match lines.get(*i) {
                Some(&(ind, l)) if ind > indent && is_item(l) => parse_list(lines, i, ind),
                Some(&(ind, _)) if ind > indent => parse_map(lines, i, ind, None),
                _ => Node::Scalar(String::new()),
            }
        } else if split_key(rest).is_some() {
            parse_map(lines, i, indent + 2, Some(rest))
        } else {
            inline(rest)
        };
        items.push(item);
    }
    Node::List(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_layout_render_writes() {
        let body = "headline: 'a: b'\nparagraphs:\n- index: 1\n  text: x\n  sentences:\n  - x.\n  - y\nquotes: []\nstats:\n  words: 3\n";
        let n = parse(body);
        assert_eq!(n.get("headline"), Some(&Node::Scalar("'a: b'".into())));
        let Some(Node::List(p)) = n.get("paragraphs") else {
            panic!("{n:?}")
        };
        assert_eq!(p[0].get("text"), Some(&Node::Scalar("x".into())));
        assert_eq!(
            p[0].get("sentences"),
            Some(&Node::List(vec![
                Node::Scalar("x.".into()),
                Node::Scalar("y".into())
            ]))
        );
        assert_eq!(
            n.get("stats").and_then(|s| s.get("words")),
            Some(&Node::Scalar("3".into()))
        );
    }
}
