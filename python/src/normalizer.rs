//! The `naskh.Normalizer` class: options compiled once, then texts one at a time or in
//! batches (without the GIL, in parallel), with offsets or per-rule counts. Picklable by
//! its options, so Spark and Ray can ship it to their workers.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

use naskh::normalize::Stats;

use crate::errors;
use crate::offsets::OffsetMap;
use crate::options::{QuoteStyleArg, Spec};
use crate::parallel::Threads;

/// A rule selection compiled once, for many texts: `Normalizer(profile="canonical",
/// rules=None, quote_style="guillemets")`, arguments as in `naskh.normalize`. Picklable
/// (by its options), so Spark, Ray and multiprocessing can ship it to workers.
///
/// >>> n = Normalizer(profile="search", rules="-teh-marbuta-to-heh")
/// >>> n("القاهرة")
/// 'القاهرة'
/// >>> n.normalize_batch(["أَهْلًا", None], threads=2)
/// ['اهلا', None]
/// >>> n.normalize_with_stats("أَهْلًا")
/// ('اهلا', {'strip-tashkeel': 3, 'alef-hamza-to-alef': 1})
#[pyclass(module = "naskh", frozen)]
#[derive(Debug)]
pub struct Normalizer {
    spec: Spec,
    inner: naskh::normalize::Normalizer,
}

impl Normalizer {
    /// The library's normaliser.
    pub fn inner(&self) -> &naskh::normalize::Normalizer {
        &self.inner
    }
}

/// Per-rule counts as a `dict` (rule name → changes), in rule order.
pub fn stats_dict<'py>(py: Python<'py>, stats: &Stats) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for (rule, n) in stats.iter() {
        d.set_item(rule.name(), n)?;
    }
    Ok(d)
}

/// The texts of a batch (`None` stays `None`), read while the GIL is held.
fn batch_texts(texts: &Bound<'_, PyAny>) -> PyResult<Vec<Option<String>>> {
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for item in texts.try_iter()? {
        let item = item?;
        if item.is_none() {
            out.push(None);
            continue;
        }
        let s = item.cast::<PyString>().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "normalize_batch takes str (or None) items, not {}",
                item.get_type()
                    .name()
                    .map_or_else(|_| "?".to_string(), |n| n.to_string())
            ))
        })?;
        out.push(Some(errors::text_of(s)?.into_owned()));
    }
    Ok(out)
}

impl Normalizer {
    /// Normalise every text where `threads` says; `stats` adds up per-rule counts.
    fn run_batch(
        &self,
        texts: Vec<Option<String>>,
        threads: &Threads,
        with_stats: bool,
    ) -> (Vec<Option<String>>, Stats) {
        let one = |t: Option<String>, st: &mut Stats| -> Option<String> {
            let t = t?;
            let out = if with_stats {
                self.inner.normalize_with_stats(&t, st)
            } else {
                self.inner.normalize(&t)
            };
            Some(match out {
                std::borrow::Cow::Borrowed(_) => t,
                std::borrow::Cow::Owned(o) => o,
            })
        };
        if !threads.is_parallel() {
            let mut stats = Stats::default();
            let out = texts.into_iter().map(|t| one(t, &mut stats)).collect();
            return (out, stats);
        }
        threads.install(|| {
            let (outs, stats): (Vec<Vec<Option<String>>>, Vec<Stats>) = texts
                .into_par_iter()
                .fold(
                    || (Vec::new(), Stats::default()),
                    |(mut v, mut st), t| {
                        v.push(one(t, &mut st));
                        (v, st)
                    },
                )
                .unzip();
            let mut total = Stats::default();
            for s in &stats {
                total.merge(s);
            }
            (outs.into_iter().flatten().collect(), total)
        })
    }
}

fn to_list<'py>(py: Python<'py>, texts: &[Option<String>]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for t in texts {
        match t {
            Some(t) => list.append(PyString::new(py, t))?,
            None => list.append(py.None())?,
        }
    }
    Ok(list)
}

#[pymethods]
impl Normalizer {
    #[new]
    #[pyo3(signature = (profile = "canonical", rules = None, quote_style = QuoteStyleArg::default()))]
    fn new(
        py: Python<'_>,
        profile: &str,
        rules: Option<&Bound<'_, PyAny>>,
        quote_style: QuoteStyleArg,
    ) -> PyResult<Normalizer> {
        let spec = Spec::parse(py, profile, rules, quote_style)?;
        let inner = naskh::normalize::Normalizer::new(&spec.options);
        Ok(Normalizer { spec, inner })
    }

    /// Normalise one text.
    fn __call__<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyString>> {
        self.normalize(py, text)
    }

    /// Normalise one text (the same as calling the normaliser).
    fn normalize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyString>> {
        let input = errors::text_of(text)?;
        let out = py.detach(|| match self.inner.normalize(&input) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(o) => Some(o),
        });
        Ok(match out {
            // Unchanged: the caller's own object, no copy.
            None => text.clone(),
            Some(o) => PyString::new(py, &o),
        })
    }

    /// The normalised text and, per rule that changed something, how many changes
    /// (characters for character rules, edits for context rules).
    fn normalize_with_stats<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyDict>)> {
        let input = errors::text_of(text)?;
        let mut stats = Stats::default();
        let out = py.detach(|| {
            self.inner
                .normalize_with_stats(&input, &mut stats)
                .into_owned()
        });
        Ok((PyString::new(py, &out), stats_dict(py, &stats)?))
    }

    /// Normalise one text and return it with its `OffsetMap`.
    fn normalize_with_offsets<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyString>,
    ) -> PyResult<(Bound<'py, PyString>, OffsetMap)> {
        let input = errors::text_of(text)?.into_owned();
        let (out, map) = py.detach(|| {
            let (out, map) = self.inner.normalize_with_offsets(&input);
            let out = out.into_owned();
            let map = OffsetMap::new(map, input, out.clone());
            (out, map)
        });
        Ok((PyString::new(py, &out), map))
    }

    /// Normalise every text (`None` stays `None`) in parallel, without the GIL.
    /// `threads=None`: one thread per core (`RAYON_NUM_THREADS` caps it); `1`: the
    /// calling thread.
    #[pyo3(signature = (texts, *, threads = None))]
    fn normalize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let threads = Threads::from_arg(threads)?;
        let input = batch_texts(texts)?;
        let (out, _) = py.detach(|| self.run_batch(input, &threads, false));
        to_list(py, &out)
    }

    /// `normalize_batch`, and the per-rule counts of the whole batch.
    #[pyo3(signature = (texts, *, threads = None))]
    fn normalize_batch_with_stats<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyDict>)> {
        let threads = Threads::from_arg(threads)?;
        let input = batch_texts(texts)?;
        let (out, stats) = py.detach(|| self.run_batch(input, &threads, true));
        Ok((to_list(py, &out)?, stats_dict(py, &stats)?))
    }

    /// Normalise a pyarrow string array (see `naskh.normalize_arrow`).
    #[pyo3(signature = (array, *, threads = None))]
    fn normalize_arrow<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::arrow::normalize_any(py, self, array, threads)
    }

    /// The profile this normaliser started from.
    #[getter]
    fn profile(&self) -> &'static str {
        self.spec.profile
    }

    /// The rules that run, in the order they apply.
    #[getter]
    fn rules(&self) -> Vec<&'static str> {
        self.spec.rule_names()
    }

    /// How `unify-quotes` writes quotation marks.
    #[getter]
    fn quote_style(&self) -> &'static str {
        self.spec.quote_style.name()
    }

    fn __repr__(&self) -> String {
        let mut s = format!("naskh.Normalizer(profile={:?}", self.spec.profile);
        if let Some(r) = &self.spec.rules {
            s.push_str(&format!(", rules={r:?}"));
        }
        if self.spec.quote_style != QuoteStyleArg::default() {
            s.push_str(&format!(", quote_style={:?}", self.spec.quote_style.name()));
        }
        s.push(')');
        s
    }

    /// Pickled as its options; the worker compiles them again.
    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let me = slf.get();
        let args = PyTuple::new(
            py,
            [
                me.spec.profile.into_pyobject(py)?.into_any(),
                match &me.spec.rules {
                    Some(r) => PyString::new(py, r).into_any(),
                    None => py.None().into_bound(py),
                },
                me.spec.quote_style.name().into_pyobject(py)?.into_any(),
            ],
        )?;
        Ok((slf.get_type().into_any(), args))
    }

    /// Equal when they run the same rules with the same quote style.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Normalizer>()
            .is_ok_and(|o| o.get().spec.options == self.spec.options)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.spec.options.hash(&mut h);
        h.finish()
    }
}

/// `naskh.normalize`'s options: a normaliser for the call.
pub fn spec_normalizer(spec: Spec) -> Normalizer {
    let inner = naskh::normalize::Normalizer::new(&spec.options);
    Normalizer { spec, inner }
}
