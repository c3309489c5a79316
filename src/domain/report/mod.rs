//! Reports: pure computations from cases, protocols, calendars and a date
//! to typed rows (rendering lives in `cli::report`). Definitions and layouts
//! are data files (`reports/*.toml`), parsed here.

pub mod defs;
pub mod jaar;
pub mod jaar_defs;
pub mod mazl;
pub mod snapshot;
pub mod thuiszitters;

#[cfg(test)]
mod jaar_tests;
#[cfg(test)]
mod mazl_tests;
#[cfg(test)]
mod tests;

/// The median of some numbers (the mean of the middle two for an even
/// count); none for none.
pub fn median(values: &[u32]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(v[n / 2])),
        _ => Some((f64::from(v[n / 2 - 1]) + f64::from(v[n / 2])) / 2.0),
    }
}
