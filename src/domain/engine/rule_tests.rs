//! Tests from the sources' own numbers: for every rule of the regional
//! protocols, the threshold and one below it, and across a school holiday
//! where the rule counts school days or weeks. Each test is named after its
//! rule id. Calendar: region midden, herfstvakantie 18-26 Oct 2025.

use super::tests::{Setup, d};
use super::*;
use crate::domain::case::Level;

fn ziek(s: &mut Setup, from: &str, until: &str) {
    s.add("ziek", from).until = Some(d(until));
}

fn outcome(s: &mut Setup, date: &str, o: &str) {
    s.add("consult", date).outcome = Some(o.into());
}

fn status(s: &Setup, today: &str, rule: &str) -> Option<(NaiveDate, ActionStatus)> {
    s.action(today, rule).map(|a| (a.due, a.status))
}

mod haaglanden {
    use super::*;
    const P: &str = "haaglanden";

    #[test]
    fn ziekmeldingen_po() {
        let mut s = Setup::new(P, Level::Po);
        ziek(&mut s, "2025-06-02", "2025-06-02"); // previous school year
        for date in ["2025-09-01", "2025-10-01", "2025-11-03", "2025-12-01"] {
            ziek(&mut s, date, date);
        }
        assert!(
            s.fired("2026-03-01", "ziekmeldingen-po").is_empty(),
            "4 this school year"
        );
        ziek(&mut s, "2026-02-02", "2026-02-02");
        assert_eq!(
            s.fired("2026-03-01", "ziekmeldingen-po"),
            vec![d("2026-02-02")]
        );
        let vo = {
            let mut v = Setup::new(P, Level::Vo);
            v.case.events = s.case.events.clone();
            v
        };
        assert!(
            vo.fired("2026-03-01", "ziekmeldingen-po").is_empty(),
            "PO rule only for po"
        );
    }

    #[test]
    fn ziekdagen_po() {
        let mut s = Setup::new(P, Level::Po);
        ziek(&mut s, "2025-10-16", "2025-10-28"); // Thu-Fri, holiday, Mon-Tue: 4 school days
        ziek(&mut s, "2025-09-01", "2025-09-05"); // 5
        assert!(
            s.fired("2025-12-01", "ziekdagen-po").is_empty(),
            "9 school days"
        );
        ziek(&mut s, "2025-11-10", "2025-11-10");
        assert_eq!(s.fired("2025-12-01", "ziekdagen-po"), vec![d("2025-11-10")]);
    }

    #[test]
    fn ziekmeldingen_vo() {
        let mut s = Setup::new(P, Level::Vo);
        for date in ["2025-09-15", "2025-10-06", "2025-10-17"] {
            ziek(&mut s, date, date);
        }
        assert!(s.fired("2025-12-01", "ziekmeldingen-vo").is_empty());
        ziek(&mut s, "2025-12-01", "2025-12-01"); // 11 school weeks after 15 Sep, with the holiday week
        assert_eq!(
            s.fired("2025-12-01", "ziekmeldingen-vo"),
            vec![d("2025-12-01")]
        );
    }

    #[test]
    fn ziek_aaneengesloten_vo() {
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-10-15", "2025-10-28"); // Wed-Fri + Mon-Tue after the holiday: 5
        assert!(s.fired("2025-11-05", "ziek-aaneengesloten-vo").is_empty());
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-10-14", "2025-10-28"); // 6
        assert!(s.fired("2025-11-05", "ziek-aaneengesloten-vo").is_empty());
        ziek(&mut s, "2025-10-29", "2025-10-29"); // 7th school day, joined across no gap
        assert_eq!(
            s.fired("2025-11-05", "ziek-aaneengesloten-vo"),
            vec![d("2025-10-29")]
        );
    }

    #[test]
    fn vier_weken_geoorloofd() {
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-09-01", "2025-09-25");
        assert!(
            s.fired("2025-10-30", "vier-weken-geoorloofd").is_empty(),
            "19 school days"
        );
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-09-01", "2025-09-26");
        assert_eq!(
            s.fired("2025-10-30", "vier-weken-geoorloofd"),
            vec![d("2025-09-26")],
            "20 school days"
        );
        // Sick 12 Dec - 8 Jan: 10 school days around the kerstvakantie.
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-12-12", "2026-01-08");
        assert!(
            s.fired("2026-02-01", "vier-weken-geoorloofd").is_empty(),
            "holiday days never count"
        );
    }

    #[test]
    fn gesprek_zorgwekkend() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("ziek", "2025-10-08"); // ongoing: 7th school day is Thu 16 Oct
        // 5 school days after Thu 16 Oct, across the holiday: Fri 17, Mon 27 .. Thu 30 Oct.
        assert_eq!(
            status(&s, "2025-10-30", "gesprek-zorgwekkend"),
            Some((d("2025-10-30"), ActionStatus::Open))
        );
        assert_eq!(
            status(&s, "2025-10-31", "gesprek-zorgwekkend").unwrap().1,
            ActionStatus::Overdue
        );
        s.add("gesprek", "2025-10-31");
        assert_eq!(
            status(&s, "2025-10-31", "gesprek-zorgwekkend").unwrap().1,
            ActionStatus::Done
        );
    }

    #[test]
    fn swv_melding() {
        let mut s = Setup::new(P, Level::Mbo);
        ziek(&mut s, "2025-09-01", "2025-09-28");
        let (due, st) = status(&s, "2025-10-01", "swv-melding").unwrap();
        assert_eq!(
            (due, st),
            (d("2025-10-03"), ActionStatus::Open),
            "5 school days after Sun 28 Sep"
        );
        s.add("melding-swv", "2025-10-02");
        assert_eq!(
            status(&s, "2025-10-03", "swv-melding").unwrap().1,
            ActionStatus::Done
        );
    }

    #[test]
    fn jgz_2x_niet_verschenen() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("aanmelding-jgz", "2025-09-01");
        outcome(&mut s, "2025-09-10", "niet-verschenen");
        outcome(&mut s, "2025-09-20", "afgemeld");
        assert!(
            s.fired("2025-10-01", "jgz-2x-niet-verschenen").is_empty(),
            "with notice does not count"
        );
        outcome(&mut s, "2025-09-30", "niet-verschenen");
        assert_eq!(
            s.fired("2025-10-01", "jgz-2x-niet-verschenen"),
            vec![d("2025-09-30")]
        );
    }

    #[test]
    fn duo_melding_weigering_jgz() {
        let mut s = Setup::new(P, Level::Po);
        s.add("weigering-jgz", "2025-10-17"); // Friday before the holiday
        assert_eq!(
            status(&s, "2025-10-20", "duo-melding-weigering-jgz"),
            Some((d("2025-10-27"), ActionStatus::Open))
        );
        assert_eq!(
            status(&s, "2025-10-28", "duo-melding-weigering-jgz")
                .unwrap()
                .1,
            ActionStatus::Overdue
        );
    }

    #[test]
    fn duo_melding_niet_verschenen() {
        let mut s = Setup::new(P, Level::Vo);
        outcome(&mut s, "2025-09-10", "niet-verschenen");
        assert!(
            s.action("2025-09-30", "duo-melding-niet-verschenen")
                .is_none()
        );
        outcome(&mut s, "2025-09-19", "niet-verschenen"); // Friday
        assert_eq!(
            status(&s, "2025-09-22", "duo-melding-niet-verschenen"),
            Some((d("2025-09-22"), ActionStatus::Open))
        );
    }

    #[test]
    fn leerplicht_gesprek() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("melding-leerplicht", "2025-09-01");
        assert_eq!(
            status(&s, "2025-09-15", "leerplicht-gesprek"),
            Some((d("2025-09-15"), ActionStatus::Open))
        );
        assert_eq!(
            status(&s, "2025-09-16", "leerplicht-gesprek").unwrap().1,
            ActionStatus::Overdue
        );
    }
}

mod zhz_lvs {
    use super::*;
    const P: &str = "zhz-lvs";

    #[test]
    fn signaalverzuim() {
        // Four school weeks, as the law: 16 hours from 29 Sep to 30 Oct
        // across the herfstvakantie is signaalverzuim.
        let mut s = Setup::new(P, Level::Vo);
        s.add("ongeoorloofd", "2025-09-29").hours = Some(8.0);
        s.add("ongeoorloofd", "2025-10-30").hours = Some(8.0);
        assert_eq!(
            s.fired("2025-11-10", "signaalverzuim"),
            vec![d("2025-10-30")],
            "weeks of 29 Sep, 6 Oct, 13 Oct and 27 Oct"
        );
        let mut s = Setup::new(P, Level::Vo);
        s.add("ongeoorloofd", "2025-09-26").hours = Some(8.0);
        s.add("ongeoorloofd", "2025-10-30").hours = Some(8.0);
        assert!(
            s.fired("2025-11-10", "signaalverzuim").is_empty(),
            "five school weeks apart"
        );
        let mut s = Setup::new(P, Level::Vo);
        s.add("ongeoorloofd", "2025-10-06").hours = Some(8.0);
        s.add("ongeoorloofd", "2025-10-31").hours = Some(7.0);
        assert!(
            s.fired("2025-11-10", "signaalverzuim").is_empty(),
            "15 hours"
        );
        s.add("ongeoorloofd", "2025-11-03").hours = Some(1.0);
        assert_eq!(
            s.fired("2025-11-10", "signaalverzuim"),
            vec![d("2025-11-03")]
        );
    }

    #[test]
    fn te_laat() {
        let mut s = Setup::new(P, Level::Vo);
        let days: Vec<String> = (1..=18).map(|i| format!("2025-09-{i:02}")).collect();
        for day in &days[..8] {
            s.add("te-laat", day);
        }
        assert!(s.fired("2025-10-01", "te-laat").is_empty());
        for day in &days[8..] {
            s.add("te-laat", day);
        }
        assert_eq!(
            s.fired("2025-10-01", "te-laat"),
            vec![d("2025-09-09"), d("2025-09-18")],
            "9th and 18th"
        );
    }

    #[test]
    fn duo_melding() {
        let mut s = Setup::new(P, Level::Vo);
        for i in 1..=9 {
            s.add("te-laat", &format!("2025-09-{i:02}"));
        }
        assert_eq!(
            status(&s, "2025-09-14", "duo-melding"),
            Some((d("2025-09-14"), ActionStatus::Open))
        );
    }

    #[test]
    fn lvs_reactie() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("melding-leerplicht", "2025-10-14");
        assert_eq!(
            status(&s, "2025-10-19", "lvs-reactie"),
            Some((d("2025-10-19"), ActionStatus::Open))
        );
        assert_eq!(
            status(&s, "2025-10-20", "lvs-reactie").unwrap().1,
            ActionStatus::Overdue
        );
        s.add("reactie-leerplicht", "2025-10-20");
        assert_eq!(
            status(&s, "2025-10-20", "lvs-reactie").unwrap().1,
            ActionStatus::Done
        );
    }

    #[test]
    fn thuiszitter() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("ongeoorloofd", "2025-09-01").until = Some(d("2025-09-25"));
        assert!(
            s.fired("2025-10-30", "thuiszitter").is_empty(),
            "19 school days"
        );
        let mut s = Setup::new(P, Level::Vo);
        s.add("ongeoorloofd", "2025-09-01").until = Some(d("2025-09-26"));
        assert_eq!(
            s.fired("2025-10-30", "thuiszitter"),
            vec![d("2025-09-26")],
            "four weeks or longer: 20 school days"
        );
        // Across the holiday: 6-17 Oct and 27 Oct-7 Nov are 20 school days.
        let mut s = Setup::new(P, Level::Vo);
        s.add("ongeoorloofd", "2025-10-06").until = Some(d("2025-11-06"));
        assert!(
            s.fired("2025-11-30", "thuiszitter").is_empty(),
            "19 school days"
        );
        let mut s = Setup::new(P, Level::Vo);
        s.add("ongeoorloofd", "2025-10-06").until = Some(d("2025-11-07"));
        assert_eq!(s.fired("2025-11-30", "thuiszitter"), vec![d("2025-11-07")]);
    }

    #[test]
    fn actietafel() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("ongeoorloofd", "2025-09-01").until = Some(d("2025-10-10"));
        let a = s.action("2025-10-10", "actietafel").unwrap();
        assert_eq!((a.due, a.status), (d("2025-10-10"), ActionStatus::Open));
        assert!(a.local_term, "no source states the 2 weeks");
        s.add("mdo", "2025-10-10");
        assert_eq!(
            status(&s, "2025-10-10", "actietafel").unwrap().1,
            ActionStatus::Done
        );
    }
}

mod utrecht_west {
    use super::*;
    const P: &str = "utrecht-west";

    #[test]
    fn mentor_contact() {
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-09-04", "2025-09-05");
        assert!(s.action("2025-09-30", "mentor-contact").is_none(), "2 days");
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-09-04", "2025-09-08"); // Thu, Fri, Mon
        assert_eq!(
            status(&s, "2025-09-11", "mentor-contact"),
            Some((d("2025-09-11"), ActionStatus::Open))
        );
        assert_eq!(
            status(&s, "2025-09-12", "mentor-contact").unwrap().1,
            ActionStatus::Overdue
        );
    }

    #[test]
    fn ziek_aaneengesloten() {
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-10-15", "2025-10-28"); // 5 school days across the holiday
        assert!(
            s.fired("2025-11-05", "ziek-aaneengesloten").is_empty(),
            "5 is not more than 5"
        );
        ziek(&mut s, "2025-10-29", "2025-10-29");
        assert_eq!(
            s.fired("2025-11-05", "ziek-aaneengesloten"),
            vec![d("2025-10-29")]
        );
    }

    #[test]
    fn ziekdagen_maand() {
        let mut s = Setup::new(P, Level::Vo);
        for date in ["2025-09-01", "2025-09-03", "2025-09-08", "2025-09-15"] {
            ziek(&mut s, date, date);
        }
        assert!(
            s.fired("2025-10-10", "ziekdagen-maand").is_empty(),
            "4 days"
        );
        ziek(&mut s, "2025-10-01", "2025-10-01"); // 1 Sep + 1 month = 1 Oct: 1 Sep drops out
        assert!(s.fired("2025-10-10", "ziekdagen-maand").is_empty());
        ziek(&mut s, "2025-09-30", "2025-09-30");
        assert_eq!(
            s.fired("2025-10-10", "ziekdagen-maand"),
            vec![d("2025-09-30")],
            "5 within a month (004: \"5 dagen in een maand\")"
        );
    }

    #[test]
    fn gesprek_ouders() {
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-10-09", "2025-10-28"); // 5th school day Wed 15 Oct, 6th Thu 16 Oct
        let e = s.eval("2025-10-28");
        let talks: Vec<_> = e
            .actions
            .iter()
            .filter(|a| a.rule == "gesprek-ouders")
            .map(|a| (a.due, a.status))
            .collect();
        assert_eq!(
            talks,
            vec![(d("2025-10-29"), ActionStatus::Open)],
            "one conversation for both signals, due 5 school days after 15 Oct"
        );
    }

    #[test]
    fn gesprek_ouders_once_when_both_signals_fire_the_same_day() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("ziek", "2025-10-06"); // 5 days in a month on Fri 10 Oct, more than 5 in a row on Mon 13 Oct
        let e = s.eval("2025-10-20");
        let ids: Vec<&str> = e
            .actions
            .iter()
            .filter(|a| a.rule == "gesprek-ouders")
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, vec!["gesprek-ouders-20251010"]);
    }

    #[test]
    fn jgz_uitnodiging() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("aanmelding-jgz", "2025-10-15"); // Wed; herfstvakantie week does not count
        assert_eq!(
            status(&s, "2025-11-05", "jgz-uitnodiging"),
            Some((d("2025-11-05"), ActionStatus::Open))
        );
        assert_eq!(
            status(&s, "2025-11-06", "jgz-uitnodiging").unwrap().1,
            ActionStatus::Overdue
        );
        s.add("uitnodiging-jgz", "2025-11-06");
        assert_eq!(
            status(&s, "2025-11-06", "jgz-uitnodiging").unwrap().1,
            ActionStatus::Done
        );
    }

    #[test]
    fn jgz_terugkoppeling() {
        let mut s = Setup::new(P, Level::Vo);
        outcome(&mut s, "2025-09-10", "niet-verschenen");
        assert!(s.action("2025-09-30", "jgz-terugkoppeling").is_none());
        outcome(&mut s, "2025-09-12", "verschenen");
        assert_eq!(
            status(&s, "2025-09-19", "jgz-terugkoppeling"),
            Some((d("2025-09-19"), ActionStatus::Open))
        );
        assert_eq!(
            status(&s, "2025-09-20", "jgz-terugkoppeling").unwrap().1,
            ActionStatus::Overdue
        );
    }

    #[test]
    fn pva_evaluatie() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("plan-van-aanpak", "2025-09-01");
        assert_eq!(
            status(&s, "2025-09-29", "pva-evaluatie"),
            Some((d("2025-09-29"), ActionStatus::Open))
        );
        assert_eq!(
            status(&s, "2025-09-30", "pva-evaluatie").unwrap().1,
            ActionStatus::Overdue
        );
    }

    #[test]
    fn te_laat_signaalverzuim() {
        // 4 per week in the weeks of 6 Oct, 13 Oct, (holiday), 27 Oct, 3 Nov.
        let days = [
            "2025-10-06",
            "2025-10-07",
            "2025-10-08",
            "2025-10-09",
            "2025-10-13",
            "2025-10-14",
            "2025-10-15",
            "2025-10-16",
            "2025-10-27",
            "2025-10-28",
            "2025-10-29",
            "2025-10-30",
            "2025-11-03",
            "2025-11-04",
            "2025-11-05",
        ];
        let mut s = Setup::new(P, Level::Vo);
        for day in days {
            s.add("te-laat", day);
        }
        assert!(
            s.fired("2025-11-10", "te-laat-signaalverzuim").is_empty(),
            "15"
        );
        s.add("te-laat", "2025-11-06");
        assert_eq!(
            s.fired("2025-11-10", "te-laat-signaalverzuim"),
            vec![d("2025-11-06")],
            "16 within 4 school weeks"
        );
        assert!(
            s.action("2025-11-10", "duo-melding").is_some(),
            "and the DUO-melding falls due"
        );
    }

    #[test]
    fn duo_melding() {
        // "Direct": by the next school day, here after the herfstvakantie.
        let mut s = Setup::new(P, Level::Vo);
        s.add("luxe", "2025-10-17");
        assert_eq!(
            status(&s, "2025-10-22", "duo-melding"),
            Some((d("2025-10-27"), ActionStatus::Open))
        );
    }

    #[test]
    fn thuiszitters_overleg() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("ongeoorloofd", "2025-09-01").until = Some(d("2025-12-31"));
        // Thuiszitter from 29 Sep; review due 8 weeks later, then 8 weeks after each review.
        assert_eq!(
            status(&s, "2025-11-20", "thuiszitters-overleg"),
            Some((d("2025-11-24"), ActionStatus::Open))
        );
        s.add("mdo", "2025-11-20");
        let e = s.eval("2025-11-21");
        let reviews: Vec<_> = e
            .actions
            .iter()
            .filter(|a| a.rule == "thuiszitters-overleg")
            .map(|a| (a.due, a.status))
            .collect();
        assert_eq!(
            reviews,
            vec![
                (d("2026-01-15"), ActionStatus::Open),
                (d("2025-11-24"), ActionStatus::Done)
            ]
        );
    }

    #[test]
    fn classification_thuiszitter_types() {
        let mut s = Setup::new(P, Level::Vo);
        s.add("ziek", "2025-09-01");
        let label = |s: &Setup, today: &str| s.eval(today).class.map(|c| (c.label, c.colour));
        assert_eq!(
            label(&s, "2025-09-25").unwrap().1.as_deref(),
            Some("geel"),
            "19 school days"
        );
        assert_eq!(
            label(&s, "2025-09-26").unwrap().1.as_deref(),
            Some("oranje"),
            "20 school days: 4 weeks"
        );
        assert_eq!(
            label(&s, "2025-12-04").unwrap().1.as_deref(),
            Some("oranje")
        );
        assert_eq!(
            label(&s, "2025-12-05").unwrap().1.as_deref(),
            Some("rood"),
            "65 school days: 3 months of school, the herfstvakantie not counted"
        );
        s.add("beter", "2025-12-08");
        assert_eq!(label(&s, "2025-12-08"), None, "back at school");
        let mut s = Setup::new(P, Level::Vo);
        s.add("vrijstelling", "2025-09-01");
        assert!(label(&s, "2025-10-01").unwrap().0.starts_with("type 2"));
        s.case
            .events
            .values_mut()
            .for_each(|e| e.until = Some(d("2026-07-31")));
        assert!(label(&s, "2025-10-01").unwrap().0.starts_with("type 1"));
    }
}

mod achterhoek {
    use super::*;
    const P: &str = "achterhoek";

    #[test]
    fn ziek_twee_weken() {
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-10-13", "2025-10-31"); // across the holiday: 10 school days
        assert_eq!(
            s.fired("2025-11-05", "ziek-twee-weken"),
            vec![d("2025-10-31")]
        );
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-10-13", "2025-10-30");
        assert!(
            s.fired("2025-11-05", "ziek-twee-weken").is_empty(),
            "9 school days, 18 calendar days"
        );
    }

    #[test]
    fn ziekmeldingen_schooljaar() {
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-07-01", "2025-07-01"); // last school year
        for date in ["2025-09-01", "2025-11-03", "2026-02-02"] {
            ziek(&mut s, date, date);
        }
        assert!(s.fired("2026-07-01", "ziekmeldingen-schooljaar").is_empty());
        ziek(&mut s, "2026-06-01", "2026-06-01");
        assert_eq!(
            s.fired("2026-07-01", "ziekmeldingen-schooljaar"),
            vec![d("2026-06-01")]
        );
    }

    #[test]
    fn aanmelding_jeugdarts() {
        let mut s = Setup::new(P, Level::Vo);
        ziek(&mut s, "2025-10-06", "2025-10-19"); // 14 days: reached Sun 19 Oct, in the holiday
        assert_eq!(
            status(&s, "2025-10-27", "aanmelding-jeugdarts"),
            Some((d("2025-10-31"), ActionStatus::Open))
        );
        s.add("aanmelding-jgz", "2025-10-28");
        assert_eq!(
            status(&s, "2025-10-28", "aanmelding-jeugdarts").unwrap().1,
            ActionStatus::Done
        );
    }
}
