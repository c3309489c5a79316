//! Classifying a case by its ongoing absence (Utrecht West's thuiszitter
//! types with colours): the first class whose kinds have a period running
//! today, of the right length and openness.

use super::timeline::Timeline;
use crate::domain::protocol::{Classification, KindFilter};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassResult {
    pub scheme: String,
    pub label: String,
    pub colour: Option<String>,
    pub since: NaiveDate,
}

pub fn classify(tl: &Timeline, scheme: &Classification) -> Option<ClassResult> {
    for class in &scheme.classes {
        let filter = KindFilter {
            kinds: class.events.clone(),
            outcomes: vec![],
        };
        let running = tl
            .periods(&filter)
            .into_iter()
            .find(|p| tl.today.reached(p.start) && tl.today.not_after(p.end));
        let Some(p) = running else { continue };
        let openness = class.open_ended.is_none_or(|o| o == p.ongoing);
        let long_enough = class
            .at_least
            .is_none_or(|s| tl.today.reached(tl.cal.reached(p.start, s, false)));
        let short_enough = class
            .below
            .is_none_or(|s| tl.today.before(tl.cal.reached(p.start, s, false)));
        if openness && long_enough && short_enough {
            return Some(ClassResult {
                scheme: scheme.name.clone(),
                label: class.label.clone(),
                colour: class.colour.clone(),
                since: p.start,
            });
        }
    }
    None
}
