//! One language at a time on the command line: `--help` and clap's own
//! errors in Dutch by default (English with --lang en), every option
//! described with its valid values.

mod common;
use common::Sandbox;

const ENGLISH: [&str; 6] = [
    "Usage",
    "Options",
    "Print help",
    "Arguments",
    "[OPTIONS]",
    "error:",
];

#[test]
fn help_is_dutch_and_lists_valid_values() {
    let s = Sandbox::new();
    let top = s.ok("2025-09-01", &["--help"]);
    assert!(
        top.contains("Gebruik:") && top.contains("Opdrachten:"),
        "{top}"
    );
    for (args, values) in [
        (
            &["new", "--help"][..],
            "[mogelijke waarden: po, vo, mbo, so]",
        ),
        (
            &["add", "--help"][..],
            "verschenen, afgemeld, niet-verschenen",
        ),
        (&["add", "--help"][..], "ziek, beter, ongeoorloofd"),
        (&["resolve", "--help"][..], "local (eigen waarde houden)"),
        (&["init", "--help"][..], "--author"),
    ] {
        let help = s.ok("2025-09-01", args);
        assert!(help.contains(values), "{args:?}: {help}");
        for word in ENGLISH {
            assert!(!help.contains(word), "{args:?} has {word:?}: {help}");
        }
        // Every option is described.
        for line in help.lines().filter(|l| l.trim_start().starts_with("--")) {
            assert!(line.trim().contains("  "), "{args:?}: undescribed {line}");
        }
    }
    let en = s.ok("2025-09-01", &["--lang", "en", "add", "--help"]);
    assert!(
        en.contains("Usage:") && en.contains("kind of event"),
        "{en}"
    );
}

#[test]
fn clap_errors_are_one_dutch_line() {
    let s = Sandbox::new();
    for (args, word) in [
        (&["frobnicate"][..], "onbekende opdracht"),
        (&["add", "x", "ziek", "--bogus"][..], "onbekende optie"),
        (&["add", "x"][..], "ontbreekt"),
    ] {
        let err = s.fails("2025-09-01", args, 1);
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(word), "{args:?}: {err}");
        assert!(!err.contains("error:") && !err.contains("Usage"), "{err}");
    }
    let err = s.fails("2025-09-01", &["--lang", "en", "frobnicate"], 1);
    assert!(err.contains("unknown command"), "{err}");
}

#[test]
fn messages_have_no_stray_spaces() {
    let s = Sandbox::new();
    let err = s.fails("2025-09-01", &["check"], 2);
    assert!(!err.contains(" ;") && !err.contains(" )"), "{err}");
    assert!(err.contains("geen dossiermap; maak"), "{err}");
}
