//! The closed sets of values options take, fixed in code, as clap
//! `ValueEnum`s: clap checks them, lists them in `--help` and names them in
//! its error (worded in the interface language by `help::error_line`).
//!
//! Each value is the string people type today and the domain keeps; a
//! test checks them against the domain's own lists, so the two cannot
//! drift. The domain knows nothing of clap: the mapping is here. Values a
//! region edits (event kinds, outcomes, protocol ids, compartments) are
//! not here: they stay text, checked against the loaded files.

use crate::domain::case::Level;
use crate::domain::consent::Subject;
use crate::domain::protocol::Role;
use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command, ValueEnum};
use std::ffi::OsStr;
use std::marker::PhantomData;

/// An enum of typed values, each with the text typed for it. The
/// variants' docs are `//` comments: a `///` would become English help.
macro_rules! choices {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:tt),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
        pub enum $name {
            $(#[value(name = $text)] $variant),+
        }

        impl $name {
            /// The value as typed, and as the domain keeps it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }
    };
}

choices!(
    /// `new --level`: the level of education.
    LevelArg { Po = "po", Vo = "vo", Mbo = "mbo", So = "so" }
);

choices!(
    /// `--role` (`action add`, `add actie`): who does an action.
    RoleArg {
        School = "school",
        Jgz = "jgz",
        Leerplicht = "leerplicht",
        Swv = "swv",
        Ouders = "ouders",
        Teamleider = "teamleider",
    }
);

choices!(
    /// `--soort` (melding-leerplicht): the kind of DUO report.
    SoortArg {
        Verzuim16u4w = "16u4w",
        Lrv = "lrv",
        Luxe = "luxe",
        Overig = "overig",
        Achttienplus = "18plus",
    }
);

choices!(
    /// `--status` (melding-leerplicht): where the DUO report stands.
    StatusArg {
        Nieuw = "nieuw",
        InBehandeling = "in-behandeling",
        Afgehandeld = "afgehandeld",
    }
);

choices!(
    /// `--subject` (toestemming): whose consent.
    SubjectArg { Leerling = "leerling", Ouders = "ouders" }
);

choices!(
    /// `--scope` (toestemming): what the consent is for.
    ScopeArg {
        TerugkoppelingSchool = "terugkoppeling-school",
        DelenLeerplicht = "delen-leerplicht",
        DelenSwv = "delen-swv",
        Overig = "overig",
    }
);

choices!(
    /// `--to` (zorgmelding): to whom.
    ToArg {
        VeiligThuis = "veilig-thuis",
        Raad = "raad-kinderbescherming",
        ZorgEnVeiligheidshuis = "zorg-en-veiligheidshuis",
        Wijkteam = "wijkteam",
        Leerplicht = "leerplicht",
        Overig = "overig",
    }
);

choices!(
    /// `--artikel` (vrijstelling): the article of the Leerplichtwet.
    ArtikelArg {
        A5a = "5a",
        A5b = "5b",
        A5c = "5c",
        A15 = "15",
        A3a = "3a",
        A3b = "3b",
        A11g = "11g",
    }
);

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Po => Level::Po,
            LevelArg::Vo => Level::Vo,
            LevelArg::Mbo => Level::Mbo,
            LevelArg::So => Level::So,
        }
    }
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::School => Role::School,
            RoleArg::Jgz => Role::Jgz,
            RoleArg::Leerplicht => Role::Leerplicht,
            RoleArg::Swv => Role::Swv,
            RoleArg::Ouders => Role::Ouders,
            RoleArg::Teamleider => Role::Teamleider,
        }
    }
}

impl From<SubjectArg> for Subject {
    fn from(s: SubjectArg) -> Subject {
        match s {
            SubjectArg::Leerling => Subject::Leerling,
            SubjectArg::Ouders => Subject::Ouders,
        }
    }
}

/// A choice of an event field as typed: a value, or empty (`--soort ""`),
/// which on `edit` clears the field (README: "an empty value clears an
/// optional one") and on `add` is the same as leaving it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrEmpty<T> {
    Value(T),
    Empty,
}

/// Parses [`OrEmpty`]: the empty string, else one of `T`'s values (clap's
/// own check, error and list of possible values).
#[derive(Debug, Clone, Copy)]
pub struct OrEmptyParser<T>(PhantomData<T>);

impl<T> OrEmptyParser<T> {
    pub fn new() -> Self {
        OrEmptyParser(PhantomData)
    }
}

impl<T> Default for OrEmptyParser<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: ValueEnum + Clone + Send + Sync + 'static> TypedValueParser for OrEmptyParser<T> {
    type Value = OrEmpty<T>;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<OrEmpty<T>, clap::Error> {
        if value.is_empty() {
            return Ok(OrEmpty::Empty);
        }
        EnumValueParser::<T>::new()
            .parse_ref(cmd, arg, value)
            .map(OrEmpty::Value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            T::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// The side of a sync conflict `resolve` takes: `local`, `remote`, or
/// `remote-N` (N from 2) for a further side's value. Not a `ValueEnum`:
/// the number of sides is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Local,
    /// 1 for `remote`, N for `remote-N`.
    Remote(usize),
}

impl Side {
    /// The side's index as the store counts them (0 is the local value).
    pub fn index(self) -> usize {
        match self {
            Side::Local => 0,
            Side::Remote(n) => n,
        }
    }

    fn parse(text: &str) -> Option<Side> {
        match text {
            "local" => Some(Side::Local),
            "remote" => Some(Side::Remote(1)),
            other => other
                .strip_prefix("remote-")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n >= 2)
                .map(Side::Remote),
        }
    }
}

/// Parses a [`Side`]; a wrong one is clap's invalid-value error naming the
/// valid forms, worded like every other (`help::error_line`).
#[derive(Debug, Clone, Copy)]
pub struct SideParser;

impl TypedValueParser for SideParser {
    type Value = Side;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<Side, clap::Error> {
        let text = value.to_string_lossy();
        Side::parse(&text).ok_or_else(|| {
            let mut e = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
            let name = arg.map(ToString::to_string).unwrap_or_default();
            e.insert(ContextKind::InvalidArg, ContextValue::String(name));
            e.insert(ContextKind::InvalidValue, ContextValue::String(text.into()));
            let valid = ["local", "remote", "remote-N"].map(String::from);
            e.insert(ContextKind::ValidValue, ContextValue::Strings(valid.into()));
            e
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocabulary::{VRIJSTELLING_ARTIKEL, ZORGMELDING_TO};

    fn names<T: ValueEnum>(as_str: fn(&T) -> &'static str) -> Vec<&'static str> {
        T::value_variants().iter().map(as_str).collect()
    }

    /// The typed values are the domain's, in the domain's order (the
    /// order `--help` lists them in and the TUI offers them in).
    #[test]
    fn the_values_are_the_domains() {
        let levels: Vec<&str> = Level::ALL.iter().map(|l| l.as_str()).collect();
        assert_eq!(names::<LevelArg>(|v| v.as_str()), levels);
        let roles = crate::domain::protocol::role::ROLE_NAMES;
        assert_eq!(names::<RoleArg>(|v| v.as_str()), roles);
        let soorten = crate::domain::event::MELDING_SOORTEN;
        assert_eq!(names::<SoortArg>(|v| v.as_str()), soorten);
        let statuses = crate::domain::event::MELDING_STATUSES;
        assert_eq!(names::<StatusArg>(|v| v.as_str()), statuses);
        let subjects = crate::domain::consent::SUBJECTS;
        assert_eq!(names::<SubjectArg>(|v| v.as_str()), subjects);
        assert_eq!(
            names::<ScopeArg>(|v| v.as_str()),
            crate::domain::consent::SCOPES
        );
        assert_eq!(names::<ToArg>(|v| v.as_str()), ZORGMELDING_TO);
        assert_eq!(names::<ArtikelArg>(|v| v.as_str()), VRIJSTELLING_ARTIKEL);
    }

    /// The mapping to the domain's enums agrees with the typed text.
    #[test]
    fn the_mapping_keeps_the_value() {
        for l in LevelArg::value_variants() {
            assert_eq!(Level::from(*l).as_str(), l.as_str());
        }
        for r in RoleArg::value_variants() {
            assert_eq!(Role::from(*r).as_str(), r.as_str());
        }
        for s in SubjectArg::value_variants() {
            assert_eq!(Subject::from(*s).as_str(), s.as_str());
        }
    }

    #[test]
    fn a_side_is_local_remote_or_remote_n() {
        assert_eq!(Side::parse("local"), Some(Side::Local));
        assert_eq!(Side::parse("remote").map(Side::index), Some(1));
        assert_eq!(Side::parse("remote-3").map(Side::index), Some(3));
        for bad in ["remote-1", "remote-0", "remote-", "lokaal", ""] {
            assert_eq!(Side::parse(bad), None, "{bad}");
        }
    }
}
