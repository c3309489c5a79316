//! Criterion micro-benchmarks of the pure core: evaluating cases, the
//! fuzzy filter per keystroke, and parsing case files. The whole-repository
//! figures (disk, git, memory, TUI) come from `benches/run`.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use verzuim::domain::caseload::Caseload;
use verzuim::domain::search::{self, Searcher};
use verzuim::store::{case_file, embedded};

fn caseload(n: usize) -> Caseload {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    embedded::caseload(verzuim::synth::cases(n, 7, today))
}

fn benches(c: &mut Criterion) {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let cl = caseload(1000);
    c.bench_function("evaluate 1,000 cases", |b| {
        b.iter(|| black_box(cl.evaluate_all(today)))
    });
    let texts: Vec<(String, String)> = cl
        .cases
        .iter()
        .map(|c| (c.id.to_string(), case_file::render_new(c)))
        .collect();
    c.bench_function("parse 1,000 case files", |b| {
        b.iter(|| {
            for (id, text) in &texts {
                black_box(case_file::parse("f", id, text).expect("parse"));
            }
        })
    });
    let big = verzuim::synth::cases(10_000, 7, today);
    let hay: Vec<String> = big.iter().map(search::haystack).collect();
    let s = Searcher;
    c.bench_function("fuzzy filter 10,000 cases, one keystroke", |b| {
        b.iter(|| black_box(s.filter("sanne de", &hay)))
    });
}

/// Opening one case for display (issue 15): unwrap its key with age
/// (X25519) and open ten sealed notes. The passphrase (scrypt) is paid
/// once per session, outside this figure.
fn sealed(c: &mut Criterion) {
    use verzuim::domain::compartments::{self, Compartments, KeyBlock};
    use verzuim::domain::seal;
    use verzuim::store::keys;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let dir = tempfile::tempdir().expect("temp");
    let path = dir.path().join("id.age");
    let pass = || age::secrecy::SecretString::from("pw".to_string());
    let public = keys::init_age(&path, pass(), Some(8)).expect("identity");
    let text = format!(
        "[recovery]\nlabel = \"h\"\nkey = \"{public}\"\n[compartments.jgz]\nrecipients = [{{ label = \"a\", key = \"{public}\" }}]\n"
    );
    let cfg = Compartments::parse("c", &text).expect("compartments");
    let (kid, key) = keys::new_key();
    let mut case = verzuim::synth::cases(1, 7, today).remove(0);
    for i in 0..10 {
        let eid = format!("sealed{i}");
        let mut e = verzuim::domain::event::Event::new("consult", today);
        let p = seal::field_path(&eid, "note");
        e.note = Some(seal::seal(
            &key,
            &kid,
            &case.id,
            &p,
            &"x".repeat(200),
            keys::nonce(),
        ));
        case.events.insert(eid.into(), e);
    }
    let wrapped = keys::wrap(&cfg, &cfg.compartments["jgz"], &key).expect("wrap");
    let block = KeyBlock {
        compartment: "jgz".into(),
        retired: false,
        wrapped,
    };
    case.keys.insert(kid, block);
    let kr = keys::unlock(&path, &|_| Some(pass())).expect("unlock");
    c.bench_function("decrypt one case for display (unwrap + 10 notes)", |b| {
        b.iter(|| {
            kr.forget();
            black_box(compartments::reveal(&case, &|k| kr.key(&case, k)))
        })
    });
}

criterion_group!(engine, benches, sealed);
criterion_main!(engine);
