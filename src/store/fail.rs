//! Failpoints for the fault-injection tests: each step of the write path
//! calls [`point`] with its name, and a test can make one step fail with an
//! injected I/O error. Outside `cfg(test)` a point is an empty inline
//! function, so production code carries no hook.

#[cfg(test)]
thread_local! {
    static ARMED: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// Fails with an injected error when a test armed this step.
#[cfg(test)]
pub fn point(step: &str) -> std::io::Result<()> {
    if ARMED.with(|a| a.get()) == Some(step) {
        return Err(std::io::Error::other(format!("injected failure at {step}")));
    }
    Ok(())
}

#[cfg(not(test))]
#[inline(always)]
pub fn point(_step: &str) -> std::io::Result<()> {
    Ok(())
}

/// Makes `step` fail on this thread until [`disarm`] (tests only).
#[cfg(test)]
pub fn arm(step: &'static str) {
    ARMED.with(|a| a.set(Some(step)));
}

#[cfg(test)]
pub fn disarm() {
    ARMED.with(|a| a.set(None));
}
