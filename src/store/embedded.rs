//! Files built into the binary so `init` and `demo` work anywhere: the
//! protocol library, the school calendars, the import mappings and the
//! demo's sample cases.
//! A test checks these lists against the folders, so none is forgotten.

macro_rules! files {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../", $dir, "/", $name)))),*]
    };
}

pub const PROTOCOLS: &[(&str, &str)] = files!("protocols":
    "achterhoek.toml",
    "haaglanden.toml",
    "leerplichtwet.toml",
    "utrecht-west.toml",
    "zhw-ziekteverzuim-als-signaal.toml",
    "zhz-lvs.toml",
);

pub const CALENDARS: &[(&str, &str)] = files!("protocols/calendar":
    "2024-2025.toml",
    "2025-2026.toml",
    "2026-2027.toml",
    "2027-2028.toml",
);

pub const IMPORTS: &[(&str, &str)] = files!("imports":
    "duo.toml",
    "magister.toml",
    "somtoday.toml",
);

pub const SAMPLE_CASES: &[(&str, &str)] = files!("cases":
    "1rg6nhntkpqjhxye.toml",
    "463nbqvccfeqkgxy.toml",
    "8fsjhnwjvk1kmxsh.toml",
    "cae2b8b1ey0qqdn9.toml",
    "cdfp23p4dk9b94jt.toml",
    "gcjcj5hea5hsn44q.toml",
    "hnrjgejk9z4hqj05.toml",
    "j8ae8xb3vq8r0221.toml",
    "ksxqm8mtbgcwqce9.toml",
    "shf52skvh2mszcc6.toml",
    "t6br6e1ztw54j4xd.toml",
    "wqvr38211f17cvxq.toml",
    "yjxm09n1hs9wzfng.toml",
);

/// The built-in retention rules (copied to `retention.toml` at init).
pub const RETENTION: &str = include_str!("../../retention.toml");

/// Report definitions and layouts (copied to `reports/` at init).
pub const REPORTS: &[(&str, &str)] = files!("reports":
    "jaar.toml",
    "mazl.toml",
    "thuiszitters.toml",
);

/// Letter templates (copied to `templates/` at init; the built-in ones for
/// a repository without its own).
pub const TEMPLATES: &[(&str, &str)] = files!("templates":
    "bevestiging-afspraak.txt",
    "terugkoppeling-school.txt",
    "uitnodiging-ouders.txt",
    "waarschuwing.txt",
);

/// The shipped protocols, resolved (a file that does not parse is left
/// out, as `load` leaves out a broken one).
pub fn library() -> crate::domain::protocol::resolve::Library {
    let sources: Vec<_> = PROTOCOLS
        .iter()
        .filter_map(|(name, text)| crate::domain::protocol::parse(name, text).ok())
        .collect();
    crate::domain::protocol::resolve_all(&sources)
}

/// The shipped school calendars for region Midden, no school exceptions.
pub fn calendars() -> crate::domain::caseload::CalendarSet {
    let files: Vec<crate::domain::calendar::CalendarFile> = CALENDARS
        .iter()
        .filter_map(|(_, text)| toml::from_str(text).ok())
        .collect();
    crate::domain::caseload::CalendarSet::new(
        &files,
        Default::default(),
        crate::domain::calendar::Region::Midden,
    )
}

/// These cases under the shipped rules (tests and benchmarks).
pub fn caseload(cases: Vec<crate::domain::case::Case>) -> crate::domain::caseload::Caseload {
    crate::domain::caseload::Caseload {
        cases,
        library: library(),
        calendars: calendars(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn listed(dir: &str) -> BTreeSet<String> {
        listed_ext(dir, ".toml")
    }

    fn listed_ext(dir: &str, ext: &str) -> BTreeSet<String> {
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(ext))
            .collect()
    }

    #[test]
    fn every_data_file_is_embedded() {
        let names = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(n, _)| n.to_string())
                .collect::<BTreeSet<_>>()
        };
        assert_eq!(names(PROTOCOLS), listed("protocols"));
        assert_eq!(names(CALENDARS), listed("protocols/calendar"));
        assert_eq!(names(SAMPLE_CASES), listed("cases"));
        assert_eq!(names(IMPORTS), listed("imports"));
        let reports: BTreeSet<String> = listed("reports")
            .into_iter()
            .filter(|n| !n.starts_with("thuiszitters-"))
            .collect();
        assert_eq!(names(REPORTS), reports);
        assert_eq!(names(TEMPLATES), listed_ext("templates", ".txt"));
    }
}
