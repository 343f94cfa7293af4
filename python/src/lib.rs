//! Python bindings of naskh: the extension module `naskh._native`, wrapped by the Python
//! package `naskh` (`python/naskh/`).
//!
//! Only the binding lives here: every result comes from the `naskh` library, so Python
//! gets byte for byte what the command line prints. What this crate adds is the crossing:
//! - [`options`]: profile, rules and quote style from Python arguments;
//! - [`normalizer`]: the compiled `Normalizer` class (call, batch, stats, pickling);
//! - [`offsets`]: offset maps in Python `str` indices (code points) and UTF-8 bytes;
//! - [`arrow`]: Arrow string arrays in and out through the C data interface;
//! - [`parallel`]: batches run without the GIL on a rayon pool;
//! - [`errors`]: `naskh.Error` and its subclasses.
//!
//! Nothing here panics on any input: texts that Python can hold but UTF-8 cannot (lone
//! surrogates) and Arrow arrays that are not valid string arrays become exceptions.

pub mod arrow;
pub mod errors;
pub mod normalizer;
pub mod offsets;
pub mod options;
pub mod parallel;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::normalizer::Normalizer;
use crate::offsets::OffsetMap;
use crate::options::{QuoteStyleArg, Spec};

/// `json.loads(text)`: the library's serde JSON as Python objects, so that `extract` and
/// `diff` give exactly what `--format json` prints (same keys, same order, same numbers).
fn json_to_py<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// Normalise `text` with a profile (`none`, `canonical`, `typography`, `search`,
/// `lucene`, `camel`, `quran`), edited by `rules` (`"name"` or `"+name"` adds, `"-name"`
/// removes; a comma-separated str or a list). The same result as `naskh normalize -p
/// PROFILE -r RULES --quote-style STYLE`.
///
/// >>> normalize("أَعْلَنَتْ الحُكُومَةُ", profile="search")
/// 'اعلنت الحكومه'
/// >>> normalize("قال:\u00a0«نعم»")
/// 'قال: «نعم»'
/// >>> normalize("إلى", profile="search", rules=["-alef-maksura-to-yeh"])
/// 'الى'
///
/// Raises `naskh.UnknownNameError` for an unknown profile or rule, `naskh.TextError`
/// for a `str` with a lone surrogate.
#[pyfunction]
#[pyo3(signature = (text, profile = "canonical", rules = None, quote_style = QuoteStyleArg::default()))]
fn normalize<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    profile: &str,
    rules: Option<&Bound<'py, PyAny>>,
    quote_style: QuoteStyleArg,
) -> PyResult<Bound<'py, PyString>> {
    let spec = Spec::parse(py, profile, rules, quote_style)?;
    let input = errors::text_of(text)?;
    let out = py.detach(|| naskh::normalize::normalize(&input, &spec.options).into_owned());
    Ok(PyString::new(py, &out))
}

/// The structure of an article: `naskh extract --format json`'s model (headline,
/// byline, dateline, paragraphs, quotes with speakers, source, numbers, dates, stats).
/// Every `span` is a UTF-8 byte range `[start, end]` of `text`.
///
/// >>> extract("عنوان\n\nقال الوزير: «نعم».\n")["quotes"][0]["text"]
/// 'نعم'
#[pyfunction]
fn extract<'py>(py: Python<'py>, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
    let input = errors::text_of(text)?;
    let json = py.detach(|| {
        let article = naskh::structure::extract(&input);
        serde_json::to_string(&article)
    });
    json_to_py(py, &json.map_err(errors::internal)?)
}

/// The diff of two revisions: `naskh diff --format json`'s model (`naskh.diff/2`:
/// aligned blocks, moves, word ops with classes, summary, facts). `lines=True` reads
/// every line as a block (`--lines`); the names are those the CLI takes from the paths.
///
/// >>> diff("النمو 19%.\n", "النمو 7%.\n")["summary"]["changed"]
/// 1
#[pyfunction]
#[pyo3(signature = (old, new, *, old_name = "old", new_name = "new", lines = false))]
fn diff<'py>(
    py: Python<'py>,
    old: &Bound<'py, PyString>,
    new: &Bound<'py, PyString>,
    old_name: &str,
    new_name: &str,
    lines: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (old, new) = (errors::text_of(old)?, errors::text_of(new)?);
    let options = naskh::diff::DiffOptions {
        old_name: old_name.to_string(),
        new_name: new_name.to_string(),
        lines,
        ..naskh::diff::DiffOptions::default()
    };
    let json = py.detach(|| naskh::diff::render::json(&naskh::diff::diff(&old, &new, &options)));
    json_to_py(py, &json)
}

/// Every profile: `name`, `summary` and `rules` (in the order they apply), as `naskh
/// normalize --list` shows them.
///
/// >>> [p["name"] for p in profiles()][:4]
/// ['none', 'canonical', 'typography', 'search']
#[pyfunction]
fn profiles(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let list = PyList::empty(py);
    for &p in naskh::normalize::Profile::ALL {
        let d = PyDict::new(py);
        d.set_item("name", p.name())?;
        d.set_item("summary", p.summary())?;
        let rules: Vec<&str> = p.rules().iter().map(|r| r.name()).collect();
        d.set_item("rules", rules)?;
        list.append(d)?;
    }
    Ok(list)
}

/// Every rule in the order rules apply: `name`, `kind` (`map` or `context`), `summary`,
/// the `profiles` that include it, and the `ranges` of code points it touches (`first`,
/// `last`, `to`: delete, char, str, shift, nfkc or context; `with`).
///
/// >>> [r for r in rules() if r["name"] == "strip-tatweel"][0]["ranges"]
/// [{'first': 1600, 'last': 1600, 'to': 'delete', 'with': None}]
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    use naskh::normalize::{Profile, Rule, RuleKind, Target};
    let list = PyList::empty(py);
    for &rule in Rule::ALL {
        let def = rule.def();
        let (kind, maps) = match def.kind {
            RuleKind::Map(m) => ("map", m),
            RuleKind::Context(m) => ("context", m),
        };
        let d = PyDict::new(py);
        d.set_item("name", rule.name())?;
        d.set_item("kind", kind)?;
        d.set_item("summary", def.summary)?;
        let in_profiles: Vec<&str> = Profile::ALL
            .iter()
            .filter(|p| p.rules().contains(rule))
            .map(|p| p.name())
            .collect();
        d.set_item("profiles", in_profiles)?;
        let ranges = PyList::empty(py);
        for m in maps {
            let r = PyDict::new(py);
            r.set_item("first", m.first as u32)?;
            r.set_item("last", m.last as u32)?;
            let (to, with): (&str, Option<String>) = match m.to {
                Target::Delete => ("delete", None),
                Target::Char(c) => ("char", Some(c.to_string())),
                Target::Str(s) => ("str", Some(s.to_string())),
                Target::Shift(c) => ("shift", Some(c.to_string())),
                Target::Nfkc => ("nfkc", None),
                Target::Context(what) => ("context", Some(what.to_string())),
            };
            r.set_item("to", to)?;
            r.set_item("with", with)?;
            ranges.append(r)?;
        }
        d.set_item("ranges", ranges)?;
        list.append(d)?;
    }
    Ok(list)
}

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    errors::register(m)?;
    m.add_class::<Normalizer>()?;
    m.add_class::<OffsetMap>()?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(arrow::normalize_arrow_array, m)?)?;
    Ok(())
}
