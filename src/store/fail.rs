//! Failpoints for the fault-injection tests: each step of the write path
//! calls [`point`] with its name, and a test can make one step fail with an
//! injected I/O error. Outside `cfg(test)` a point is an empty inline
//! function, so production code carries no hook.

#[cfg(test)]
thread_local! {
    static ARMED: std::cell::Cell<Option<(&'static str, u32)>> = const { std::cell::Cell::new(None) };
}

/// Fails with an injected error when a test armed this step.
#[cfg(test)]
pub fn point(step: &str) -> std::io::Result<()> {
    let hit = ARMED.with(|a| match a.get() {
        Some((s, 0)) if s == step => true,
        Some((s, n)) if s == step => {
            a.set(Some((s, n - 1)));
            false
        }
        _ => false,
    });
    if hit {
        return Err(std::io::Error::other(format!("injected failure at {step}")));
    }
    Ok(())
}

#[cfg(not(test))]
#[inline(always)]
pub fn point(_step: &str) -> std::io::Result<()> {
    Ok(())
}

/// Makes `step` fail on this thread from its `skip`-th next pass on (0:
/// the next one) until [`disarm`] (tests only).
#[cfg(test)]
pub fn arm(step: &'static str, skip: u32) {
    ARMED.with(|a| a.set(Some((step, skip))));
}

#[cfg(test)]
pub fn disarm() {
    ARMED.with(|a| a.set(None));
}
