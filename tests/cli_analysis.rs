//! `related` and `triage` through the binary, on the evaluation corpus mirrored in each
//! database: the same answers as the analysis itself, in the contract's shapes.

mod common;

use common::corpus::write_to_store;
use common::*;

fn run(db: &TestDb, args: &[&str]) -> (Option<i32>, String, String) {
    run_coordinator(
        &[
            ("DATABASE_URL", &db.process_url()),
            ("COORDINATOR_REPO", "acme/tensorpack"),
        ],
        args,
    )
}

both_backends!(
    related_and_triage_answer_from_the_mirror,
    |db: TestDb| async move {
        let store = db.store().await;
        write_to_store(store.as_ref()).await;

        // #58: its duplicate, the PR that fixes it, and an unlinked report of the same error.
        let (code, out, err) = run(&db, &["related", "58", "--json"]);
        assert_eq!(code, Some(0), "{err}");
        let related: serde_json::Value = serde_json::from_str(&out).expect("json");
        let list = related.as_array().expect("array");
        assert!(list.len() <= 10);
        let numbers: Vec<i64> = list.iter().filter_map(|r| r["number"].as_i64()).collect();
        for expected in [248, 261, 74] {
            assert!(numbers.contains(&expected), "#{expected} in {numbers:?}");
        }
        for key in [
            "number",
            "title",
            "state",
            "is_pull_request",
            "score",
            "reasons",
        ] {
            assert!(list[0].get(key).is_some(), "{key}");
        }
        let fix = list
            .iter()
            .find(|r| r["number"] == 261)
            .expect("the fix PR");
        let reasons = fix["reasons"].to_string();
        assert!(
            reasons.contains("Fixes #58")
                || reasons.contains("fixes #58")
                || reasons.contains("#58"),
            "{reasons}"
        );
        let scores: Vec<f64> = list.iter().filter_map(|r| r["score"].as_f64()).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "best first: {scores:?}"
        );

        // Text, filtered and verbose.
        let (code, out, _) = run(
            &db,
            &["related", "58", "--state", "closed", "--limit", "3", "-v"],
        );
        assert_eq!(code, Some(0));
        assert!(out.contains("body: "), "{out}");
        assert!(!out.contains("(open "), "closed only: {out}");

        // Verdicts of the labelled kinds.
        let verdict = |n: &str| {
            let (code, out, err) = run(&db, &["triage", n, "--json"]);
            assert_eq!(code, Some(0), "{err}");
            serde_json::from_str::<serde_json::Value>(&out).expect("json")
        };
        let ready = verdict("675");
        assert_eq!(ready["actionable"], true);
        for key in [
            "number",
            "actionable",
            "score",
            "reasons",
            "blockers",
            "hardware",
            "open_pull_requests",
            "related",
            "outcome",
            "evidence",
        ] {
            assert!(ready.get(key).is_some(), "{key}");
        }
        let hardware = verdict("616");
        assert_eq!(hardware["actionable"], false);
        assert!(
            hardware["hardware"].to_string().contains("Windows"),
            "{hardware}"
        );
        let with_pr = verdict("796");
        assert_eq!(with_pr["actionable"], false);
        assert_eq!(with_pr["open_pull_requests"], serde_json::json!([803]));
        let design = verdict("257");
        assert_eq!(design["actionable"], false);
        assert!(!design["blockers"].as_array().expect("blockers").is_empty());

        // The coordination pass: the ready ones only, and a line saying the list is short.
        let (code, out, err) = run(&db, &["triage", "--limit", "500", "--json"]);
        assert_eq!(code, Some(0), "{err}");
        let candidates: serde_json::Value = serde_json::from_str(&out).expect("json");
        let list = candidates.as_array().expect("array");
        assert!(!list.is_empty() && list.len() < 100, "{}", list.len());
        assert!(
            list.iter()
                .all(|c| c["triage"]["actionable"] == true
                    && c["triage"]["outcome"] == "agent_ready")
        );
        assert!(
            err.contains("open issues are ready for an agent (asked for 500)"),
            "{err}"
        );
        assert!(err.contains("`--all` lists them"), "{err}");

        // With --all, every open issue, the ready ones first.
        let (code, out, err) = run(&db, &["triage", "--limit", "15", "--all", "--json"]);
        assert_eq!(code, Some(0), "{err}");
        let candidates: serde_json::Value = serde_json::from_str(&out).expect("json");
        let list = candidates.as_array().expect("array");
        assert_eq!(list.len(), 15);
        assert!(
            list.iter()
                .all(|c| c["state"] == "open" && c["is_pull_request"] == false)
        );
        let flags: Vec<bool> = list
            .iter()
            .map(|c| c["triage"]["actionable"] == true)
            .collect();
        assert!(flags[0], "the first candidate is actionable");
        assert!(
            flags.windows(2).all(|w| w[0] || !w[1]),
            "actionable first: {flags:?}"
        );
        assert!(list.iter().all(|c| c["triage"]["evidence"].is_array()));
        let (code, out, _) = run(&db, &["triage", "--limit", "5"]);
        assert_eq!(code, Some(0));
        assert_eq!(out.lines().count(), 5);
        assert!(out.starts_with("agent_ready"), "{out}");

        // Unknown numbers: exit 2, one line.
        let (code, _, err) = run(&db, &["related", "99999"]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("#99999 is not in the mirror"), "{err}");
    }
);
