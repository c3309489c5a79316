//! Synthetic caseloads for benchmarks: realistic, fictional cases over the
//! shipped protocols and levels, about 20 events each (sick periods,
//! unauthorised hours, lateness, JGZ chains with no-shows), spread over two
//! school years, from a fixed seed so every run sees the same data.

use crate::domain::case::{Case, CaseFields, Level, Status};
use crate::domain::event::Event;
use crate::domain::ids;
use chrono::{Days, NaiveDate};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

const FIRST: [&str; 24] = [
    "Sanne", "Daan", "Noor", "Liam", "Emma", "Finn", "Julia", "Yusuf", "Sophie", "Sem", "Lotte",
    "Milan", "Fleur", "Bram", "Aya", "Mohammed", "Zoë", "Luuk", "Nina", "Thijs", "Isa", "Jesse",
    "Mila", "Ravi",
];
const LAST: [&str; 20] = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
];
const SCHOOLS: [&str; 12] = [
    "Grotius College",
    "De Regenboog",
    "Stanislas College",
    "ISW Hoogeland",
    "Oranje Nassau College",
    "De Brug",
    "Sint-Maartenscollege",
    "Het Baken",
    "Lentiz",
    "Rijswijks Lyceum",
    "De Wilg",
    "Montessori Lyceum",
];
const GEMEENTEN: [&str; 8] = [
    "Delft",
    "Zoetermeer",
    "Westland",
    "Rijswijk",
    "Utrecht",
    "Doetinchem",
    "Dordrecht",
    "Den Haag",
];
pub const PROTOCOLS: [&str; 6] = [
    "leerplichtwet",
    "zhw-ziekteverzuim-als-signaal",
    "haaglanden",
    "zhz-lvs",
    "utrecht-west",
    "achterhoek",
];

pub struct Generator {
    rng: StdRng,
    /// Events fall between `start` and `today`.
    start: NaiveDate,
    today: NaiveDate,
}

impl Generator {
    pub fn new(seed: u64, today: NaiveDate) -> Self {
        let start = today - Days::new(2 * 365);
        Generator {
            rng: StdRng::seed_from_u64(seed),
            start,
            today,
        }
    }

    fn id(&mut self) -> String {
        let mut b = [0u8; 10];
        for x in &mut b {
            *x = self.rng.random_range(0..=255);
        }
        ids::from_random_bytes(b)
    }

    fn pick<'a>(&mut self, from: &'a [&'a str]) -> &'a str {
        from[self.rng.random_range(0..from.len())]
    }

    fn day(&mut self) -> NaiveDate {
        let span = (self.today - self.start).num_days() as u64;
        self.start + Days::new(self.rng.random_range(0..span))
    }

    /// A day some days after `day`, never after today.
    fn after(&mut self, day: NaiveDate, days: std::ops::Range<u64>) -> NaiveDate {
        (day + Days::new(self.rng.random_range(days))).min(self.today)
    }

    fn add(&mut self, case: &mut Case, event: Event) {
        let id = self.id();
        case.events.insert(id.into(), event);
    }

    pub fn case(&mut self) -> Case {
        let level = match self.rng.random_range(0..20) {
            0..7 => Level::Po,
            7..17 => Level::Vo,
            17..19 => Level::Mbo,
            _ => Level::So,
        };
        let age = match level {
            Level::Po => self.rng.random_range(5..12),
            _ => self.rng.random_range(12..18),
        };
        let birth = self.today - Days::new(age * 365 + self.rng.random_range(0..365));
        let name = format!("{} {}", self.pick(&FIRST), self.pick(&LAST));
        let fields = CaseFields {
            name,
            birth,
            school: self.pick(&SCHOOLS).to_string(),
            level,
            protocol: self.pick(&PROTOCOLS).to_string(),
            gemeente: Some(self.pick(&GEMEENTEN).to_string()),
            owner: Some(
                [
                    "mentor",
                    "zorgcoordinator",
                    "jeugdarts",
                    "leerplichtambtenaar",
                ][self.rng.random_range(0..4)]
                .into(),
            ),
        };
        let id = self.id();
        let mut case = fields.into_case(id, self.start);
        if self.rng.random_range(0..10) == 0 {
            case.status = Status::Closed;
        }
        self.events(&mut case);
        case
    }

    fn events(&mut self, case: &mut Case) {
        for _ in 0..self.rng.random_range(4..9) {
            let from = self.day();
            let mut e = Event::new("ziek", from);
            e.until = Some(self.after(from, 0..6));
            self.add(case, e);
            if self.rng.random_range(0..2) == 0 {
                let later = self.after(from, 1..5);
                self.add(case, Event::new("contact-ouders", later));
            }
        }
        for _ in 0..self.rng.random_range(2..7) {
            let mut e = Event::new("ongeoorloofd", self.day());
            e.hours = Some(f64::from(self.rng.random_range(1..6u8)));
            self.add(case, e);
        }
        for _ in 0..self.rng.random_range(1..6) {
            let day = self.day();
            self.add(case, Event::new("te-laat", day));
        }
        if self.rng.random_range(0..5) < 2 {
            self.jgz_chain(case);
        }
        if self.rng.random_range(0..10) == 0 {
            let day = self.day();
            let mut e = Event::new("luxe", day);
            e.until = Some(self.after(day, 0..5));
            self.add(case, e);
            let later = self.after(day, 1..9);
            self.add(case, Event::new("melding-leerplicht", later));
        }
    }

    fn jgz_chain(&mut self, case: &mut Case) {
        let mut day = self.day();
        self.add(case, Event::new("aanmelding-jgz", day));
        for attempt in 0..3 {
            day = self.after(day, 1..7);
            self.add(case, Event::new("uitnodiging-jgz", day));
            day = self.after(day, 5..20);
            let outcome = match self.rng.random_range(0..10) {
                0..6 => "verschenen",
                6..8 => "niet-verschenen",
                _ => "afgemeld",
            };
            let mut consult = Event::new("consult", day);
            consult.outcome = Some(outcome.into());
            self.add(case, consult);
            if outcome == "verschenen" || attempt == 2 {
                let later = self.after(day, 1..10);
                self.add(case, Event::new("terugkoppeling", later));
                return;
            }
        }
    }
}

/// `n` synthetic cases from `seed`, as of `today`.
pub fn cases(n: usize, seed: u64, today: NaiveDate) -> Vec<Case> {
    let mut g = Generator::new(seed, today);
    (0..n).map(|_| g.case()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_realistic() {
        let today = crate::domain::dates::parse("2026-11-20").unwrap();
        let a = cases(50, 7, today);
        assert_eq!(a, cases(50, 7, today));
        let events: usize = a.iter().map(|c| c.events.len()).sum();
        assert!(
            (12 * 50..30 * 50).contains(&events),
            "about 20 events a case: {events}"
        );
        assert!(a.iter().all(|c| c.events.values().all(|e| e.date <= today)));
    }
}
