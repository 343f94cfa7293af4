//! The exceptions: `naskh.Error` and its subclasses, defined in Python
//! (`naskh/_errors.py`) so that each can also be the built-in exception a Python user
//! expects (`UnknownNameError` is a `ValueError`, `UnsupportedArrayError` a `TypeError`).

use std::borrow::Cow;

use pyo3::call::PyCallArgs;
use pyo3::exceptions::{PyRuntimeError, PyUnicodeEncodeError};
use pyo3::prelude::*;
use pyo3::types::PyString;

/// Make the exception classes reachable from the module (`naskh._native.Error` …).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let errors = m.py().import("naskh._errors")?;
    for name in [
        "Error",
        "UnknownNameError",
        "TextError",
        "UnsupportedArrayError",
        "CapacityError",
    ] {
        m.add(name, errors.getattr(name)?)?;
    }
    Ok(())
}

/// A `naskh._errors` exception of class `class`, built with `args`.
pub fn new_error<'py>(py: Python<'py>, class: &str, args: impl PyCallArgs<'py>) -> PyErr {
    let made = py
        .import("naskh._errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.call1(args));
    match made {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

/// An error of the library or of JSON serialisation that should not happen: a
/// `RuntimeError` with its message rather than a panic.
pub fn internal(e: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(format!("naskh: internal error: {e}"))
}

/// `naskh.UnknownNameError` for a rule or profile name that does not exist.
pub fn unknown_name(py: Python<'_>, e: &naskh::normalize::UnknownName) -> PyErr {
    new_error(
        py,
        "UnknownNameError",
        (e.to_string(), e.what, e.name.clone(), e.suggestions.clone()),
    )
}

/// The UTF-8 text of a Python `str`. A `str` can hold what UTF-8 cannot (a lone
/// surrogate such as `"\ud800"`, from `surrogateescape` decoding or broken JSON): that
/// is a `naskh.TextError` naming the code point and its `str` index.
pub fn text_of<'a>(s: &'a Bound<'_, PyString>) -> PyResult<Cow<'a, str>> {
    s.to_cow().map_err(|e| {
        let py = s.py();
        if !e.is_instance_of::<PyUnicodeEncodeError>(py) {
            return e;
        }
        let start: Option<usize> = e.value(py).getattr("start").and_then(|v| v.extract()).ok();
        let code = start.and_then(|i| {
            let ord = py.import("builtins").and_then(|b| b.getattr("ord")).ok()?;
            let c = s.as_any().get_item(i).ok()?;
            ord.call1((c,)).and_then(|v| v.extract::<u32>()).ok()
        });
        let message = match (start, code) {
            (Some(i), Some(c)) => format!(
                "text is not valid Unicode: lone surrogate U+{c:04X} at index {i} (it has no UTF-8 form)"
            ),
            _ => "text is not valid Unicode: it has no UTF-8 form (lone surrogate)".to_string(),
        };
        new_error(py, "TextError", (message, start))
    })
}
