//! How both front ends word the working day (issue 14): the domain's
//! typed errors and values (spans, pauses, extensions, escalations,
//! consent) in Dutch or English, so the CLI and the TUI say the same.

use crate::domain::consent::ConsentCheck;
use crate::domain::engine::{Action, Shift};
use crate::domain::units::{Span, SpanTextError};
use crate::domain::workflow::{Pause, WorkflowError};
use crate::i18n::{Lang, date, lang, t};

/// "5 schooldagen" / "5 school-days".
pub fn span(s: Span) -> String {
    match lang() {
        Lang::Nl => format!("{} {}", s.amount, s.unit.dutch(s.amount)),
        Lang::En => s.to_string(),
    }
}

pub fn span_error(e: &SpanTextError) -> String {
    let text = match e {
        SpanTextError::Amount(x) | SpanTextError::Unit(x) => x,
    };
    format!(
        "`{text}`: {}",
        t(
            "geef een aantal met een eenheid, bijv. \"5 schooldagen\" of \"2 weken\" (dagen, schooldagen, weken, schoolweken, werkdagen, maanden)",
            "give an amount with a unit, e.g. \"5 school-days\" or \"2 weeks\" (days, school-days, weeks, school-weeks, working-days, months)"
        )
    )
}

pub fn workflow_error(e: &WorkflowError) -> String {
    match e {
        WorkflowError::Empty(flag) => {
            format!("{flag} {}", t("mag niet leeg zijn", "must not be empty"))
        }
        WorkflowError::DueBeforeDate { due, date: d } => format!(
            "--due {} {} {}",
            date(*due),
            t("ligt voor de datum", "is before the date"),
            date(*d)
        ),
        WorkflowError::UntilBeforeDate { until, date: d } => format!(
            "--until {} {} {}",
            date(*until),
            t("ligt voor de datum", "is before the date"),
            date(*d)
        ),
        WorkflowError::UnknownRole(r) => format!(
            "{} `{r}`; {} {}",
            t("onbekende rol", "unknown role"),
            t("kies uit", "choose from"),
            crate::domain::protocol::role::ROLE_NAMES.join(", ")
        ),
        WorkflowError::AfterToday(d) => {
            format!(
                "--date {}: {}",
                date(*d),
                t("ligt na vandaag", "is after today")
            )
        }
        WorkflowError::AlreadyPaused(since) => format!(
            "{} {} (`verzuim resume`)",
            t(
                "de termijnen van dit dossier staan al stil sinds",
                "this case's deadlines are already paused since"
            ),
            date(*since)
        ),
        WorkflowError::NotPaused => t(
            "de termijnen van dit dossier staan niet stil",
            "this case's deadlines are not paused",
        )
        .into(),
        WorkflowError::ResumeBeforePause(since) => format!(
            "{} {}",
            t("de pauze begint pas op", "the pause only begins on"),
            date(*since)
        ),
        WorkflowError::Span(e) => format!("--by {}", span_error(e)),
        WorkflowError::SameOwner(o) => format!(
            "{} `{o}`",
            t("het dossier is al van", "the case already belongs to")
        ),
    }
}

/// "termijnen gepauzeerd sinds 13-11-2025 (t/m 14-11-2025): reden".
pub fn pause(p: &Pause) -> String {
    let until = p
        .end
        .map(|e| format!(" {} {}", t("t/m", "until"), date(e)))
        .unwrap_or_default();
    format!(
        "{} {}{until}: {}",
        t("termijnen gepauzeerd sinds", "deadlines paused since"),
        date(p.start),
        p.reason
    )
}

/// One line for what moved a due date.
pub fn shift(s: &Shift) -> String {
    match s {
        Shift::Pause {
            from,
            until,
            reason,
            school_days,
            ongoing,
        } => {
            let days = crate::i18n::count(
                *school_days as usize,
                ("schooldag", "schooldagen"),
                ("school day", "school days"),
            );
            let when = match (until, ongoing) {
                (_, true) => format!(
                    "{} {} ({})",
                    t("sinds", "since"),
                    date(*from),
                    t("loopt nog", "still running")
                ),
                (Some(u), false) => format!("{} {} {}", date(*from), t("t/m", "to"), date(*u)),
                (None, false) => date(*from),
            };
            format!("{} {when}, +{days}: {reason}", t("gepauzeerd", "paused"))
        }
        Shift::Extension { on, by, reason } => format!(
            "{} {} {} {}: {reason}",
            t("verlengd op", "extended on"),
            date(*on),
            t("met", "by"),
            span(*by)
        ),
    }
}

/// "toestemming terugkoppeling-school: ontbreekt van leerling, ouders (14 jaar)".
pub fn consent(c: &ConsentCheck) -> String {
    let names = |v: &[crate::domain::consent::Subject]| {
        v.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(t(" en ", " and "))
    };
    let state = if c.given() {
        format!(
            "{} {}",
            t("vastgelegd van", "on record from"),
            names(&c.needed)
        )
    } else {
        format!(
            "{} {}",
            t("ONTBREEKT van", "MISSING from"),
            names(&c.missing)
        )
    };
    format!(
        "{} {}: {state} ({} {})",
        t("toestemming", "consent"),
        c.scope,
        c.age,
        t("jaar", "years")
    )
}

/// An action's title as lists show it: an escalation says so, a paused
/// deadline and missing consent are marked.
pub fn action_title(a: &Action) -> String {
    let mut text = match &a.escalation_of {
        Some(_) => format!("{}: {}", t("Escalatie", "Escalation"), a.title),
        None => a.title.clone(),
    };
    if a.paused() {
        text += t(" [gepauzeerd]", " [paused]");
    }
    if a.consent.as_ref().is_some_and(|c| !c.given()) {
        text += t(" [toestemming ontbreekt]", " [consent missing]");
    }
    text
}
