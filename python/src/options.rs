//! Profile, rules and quote style from Python arguments, as the command line reads them:
//! `profile="search", rules="-strip-tatweel,+unify-dashes"` is `-p search -r
//! -strip-tatweel,+unify-dashes`; `rules` may also be a list of such names.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;

use naskh::normalize::{NormalizeOptions, Profile, QuoteStyle};

use crate::errors;

/// The `quote_style` argument: `"guillemets"` (« »), `"straight"` (") or `"curly"` (“ ”).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct QuoteStyleArg(pub QuoteStyle);

impl QuoteStyleArg {
    /// The name, as the command line spells it.
    pub fn name(self) -> &'static str {
        match self.0 {
            QuoteStyle::Straight => "straight",
            QuoteStyle::Curly => "curly",
            _ => "guillemets",
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for QuoteStyleArg {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let s: String = ob.extract()?;
        Ok(QuoteStyleArg(match s.as_str() {
            "guillemets" => QuoteStyle::Guillemets,
            "straight" => QuoteStyle::Straight,
            "curly" => QuoteStyle::Curly,
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown quote style '{other}'; styles: guillemets, straight, curly"
                )));
            }
        }))
    }
}

/// A rule selection as given (for `repr` and pickling) and as compiled options.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spec {
    /// The profile's name.
    pub profile: &'static str,
    /// The `rules` edit, comma-joined (`None`: the profile as it is).
    pub rules: Option<String>,
    /// The quote style.
    pub quote_style: QuoteStyleArg,
    /// What the library runs.
    pub options: NormalizeOptions,
}

impl Spec {
    /// Read the three arguments; unknown names are `naskh.UnknownNameError`.
    pub fn parse(
        py: Python<'_>,
        profile: &str,
        rules: Option<&Bound<'_, PyAny>>,
        quote_style: QuoteStyleArg,
    ) -> PyResult<Spec> {
        let profile: Profile = profile.parse().map_err(|e| errors::unknown_name(py, &e))?;
        let rules = match rules {
            None => None,
            Some(r) if r.is_none() => None,
            Some(r) => Some(rules_spec(r)?),
        };
        let mut set = profile.rules();
        if let Some(spec) = &rules {
            set = set.edit(spec).map_err(|e| errors::unknown_name(py, &e))?;
        }
        Ok(Spec {
            profile: profile.name(),
            rules,
            quote_style,
            options: NormalizeOptions {
                rules: set,
                quote_style: quote_style.0,
            },
        })
    }

    /// The rules that run, in the order they apply.
    pub fn rule_names(&self) -> Vec<&'static str> {
        self.options.rules.iter().map(|r| r.name()).collect()
    }
}

/// `rules` as the command line's comma-separated edit: a `str` as it is, or a list (any
/// iterable) of `str` names joined with commas.
fn rules_spec(r: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = r.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let mut names = Vec::new();
    for item in r.try_iter().map_err(|_| {
        PyTypeError::new_err("rules must be a str (\"a,-b\") or a list of rule names")
    })? {
        let item = item?;
        let name: String = item.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "rules must be names (str), not {}",
                item.get_type()
                    .name()
                    .map_or_else(|_| "?".to_string(), |n| n.to_string())
            ))
        })?;
        if name.contains(',') {
            return Err(PyValueError::new_err(format!(
                "rule name '{name}' contains a comma: give a list of names, or one str"
            )));
        }
        names.push(name);
    }
    Ok(names.join(","))
}
