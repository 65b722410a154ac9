//! The webhook receiver end to end: the real router, real fixtures, both databases.

mod common;

use std::time::Duration;

use coordinator::github::event::{is_acted_on, parse_envelope};
use coordinator::store::JobState;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use common::*;

both_backends!(
    every_fixture_is_accepted_and_processed,
    |db: TestDb| async move {
        let store = db.store().await;
        let server = TestServer::start(store.clone(), ServerOptions::default()).await;
        let fixtures = all_fixtures();
        assert!(fixtures.len() >= 273, "found {} fixtures", fixtures.len());
        let mut acted_on = 0;
        for (i, (event, path)) in fixtures.iter().enumerate() {
            let body = std::fs::read(path).expect("fixture");
            let answer = server.deliver(event, &format!("fixture-{i}"), &body).await;
            let expected = if event == "ping" { 200 } else { 202 };
            assert_eq!(
                answer.status,
                expected,
                "{} answered {}: {}",
                path.display(),
                answer.status,
                answer.body
            );
            if event != "ping" {
                let envelope = parse_envelope(event, &body).expect("fixtures parse");
                if is_acted_on(event, envelope.action.as_deref()) {
                    acted_on += 1;
                    assert_eq!(answer.body["status"], "queued", "{}", path.display());
                } else {
                    assert_eq!(answer.body["status"], "ignored", "{}", path.display());
                }
            }
        }
        // Every event the bot acts on is among the fixtures.
        assert!(acted_on >= 30, "only {acted_on} fixtures were acted on");
        wait_idle(&store, Duration::from_secs(30)).await;
        assert_eq!(count_jobs(&store, JobState::Dead).await, 0);
        let jobs = store.jobs(None, 1000).await.expect("jobs");
        let webhook_jobs = jobs.iter().filter(|j| j.kind == "webhook").count() as i64;
        assert_eq!(webhook_jobs, acted_on);
        // The installation fixtures ask for a sync of each repository they add.
        assert!(
            jobs.iter()
                .any(|j| j.kind == "sync_repo" && j.args.contains("Codertocat/Hello-World"))
        );
        assert!(jobs.iter().all(|j| j.state == JobState::Done));
        // The mirror holds what the pull request fixtures carried; issue #1 was deleted by
        // the `issues` `deleted` fixture, and stays deleted whatever came after.
        let pr = store
            .thread("codertocat/hello-world", 2)
            .await
            .expect("read");
        assert!(pr.is_some_and(|t| t.is_pull_request), "PR #2 is mirrored");
        let issue = store
            .thread("codertocat/hello-world", 1)
            .await
            .expect("read");
        assert!(issue.is_none(), "issue #1 stays deleted");
        let comment = fixtures
            .iter()
            .position(|(e, p)| e == "issue_comment" && p.ends_with("created.payload.json"))
            .expect("issue_comment fixture");
        let stored = store
            .delivery(&format!("fixture-{comment}"))
            .await
            .expect("read")
            .expect("stored");
        assert!(stored.processed_at.is_some(), "the worker processed it");
        assert_eq!(stored.repo.as_deref(), Some("Codertocat/Hello-World"));
        let (_, metrics) = server.get("/metrics").await;
        assert!(
            metrics.contains(
                "coordinator_webhook_deliveries_total{event=\"issues\",outcome=\"queued\"}"
            )
        );
        // Every queued fixture was processed: the done count is the queued count, not zero.
        let done: i64 = metrics
            .lines()
            .find_map(|l| l.strip_prefix("coordinator_jobs{state=\"done\"} "))
            .and_then(|n| n.trim().parse().ok())
            .expect("the done gauge");
        assert!(done > 0, "{metrics}");
        assert_eq!(done, count_jobs(&store, JobState::Done).await);
        assert!(metrics.contains("coordinator_database_up 1"));
        server.stop().await;
    }
);

both_backends!(
    signatures_are_checked_against_every_secret,
    |db: TestDb| async move {
        let store = db.store().await;
        let server = TestServer::start(
            store.clone(),
            ServerOptions {
                secrets: vec!["new-secret", "old-secret"],
                ..ServerOptions::default()
            },
        )
        .await;
        let body = fixture("issues", "opened.payload.json");
        let sign = |secret: &str| {
            coordinator::github::signature::sign(
                &secrecy::SecretString::from(secret.to_string()),
                &body,
            )
        };
        let headers = |delivery: &'static str, sig: &str| {
            vec![
                ("x-github-event", "issues".to_string()),
                ("x-github-delivery", delivery.to_string()),
                ("x-hub-signature-256", sig.to_string()),
            ]
        };
        let send = |h: Vec<(&'static str, String)>| {
            let server = &server;
            let body = body.clone();
            async move {
                let h: Vec<(&str, &str)> = h.iter().map(|(k, v)| (*k, v.as_str())).collect();
                server.post(&h, body).await
            }
        };
        // Rotation: the old and the new secret are both accepted.
        assert_eq!(send(headers("a", &sign("old-secret"))).await.status, 202);
        assert_eq!(send(headers("b", &sign("new-secret"))).await.status, 202);
        // A wrong secret, a tampered body, a malformed or missing header: 401, nothing stored.
        assert_eq!(send(headers("c", &sign("wrong"))).await.status, 401);
        assert_eq!(send(headers("d", "sha256=00ff")).await.status, 401);
        assert_eq!(send(headers("e", "sha1=abcdef")).await.status, 401);
        let missing = server
            .post(
                &[("x-github-event", "issues"), ("x-github-delivery", "f")],
                body.clone(),
            )
            .await;
        assert_eq!(missing.status, 401);
        assert!(
            missing.body["error"]
                .as_str()
                .unwrap_or_default()
                .contains("X-Hub-Signature-256")
        );
        for id in ["c", "d", "e", "f"] {
            assert!(
                store.delivery(id).await.expect("read").is_none(),
                "{id} was stored"
            );
        }
        // The signature is checked before the headers are: an unsigned request without headers
        // is 401, not 400.
        assert_eq!(server.post(&[], body.clone()).await.status, 401);
        server.stop().await;
    }
);

both_backends!(
    bad_requests_get_clear_errors_and_nothing_is_lost,
    |db: TestDb| async move {
        let store = db.store().await;
        let server = TestServer::start(store.clone(), ServerOptions::default()).await;
        let body = fixture("issues", "opened.payload.json");
        let sig = coordinator::github::signature::sign(&secrecy::SecretString::from(SECRET), &body);
        // Missing event or delivery headers: 400.
        let no_event = server
            .post(
                &[("x-github-delivery", "x1"), ("x-hub-signature-256", &sig)],
                body.clone(),
            )
            .await;
        assert_eq!(no_event.status, 400);
        assert!(
            no_event.body["error"]
                .as_str()
                .unwrap_or_default()
                .contains("X-GitHub-Event")
        );
        let no_delivery = server
            .post(
                &[("x-github-event", "issues"), ("x-hub-signature-256", &sig)],
                body.clone(),
            )
            .await;
        assert_eq!(no_delivery.status, 400);
        // Malformed JSON with a valid signature: 400, never a 5xx.
        for broken in [&b"{\"action\": \"opened\""[..], b"not json at all", b""] {
            let answer = server.deliver("issues", "broken", broken).await;
            assert_eq!(answer.status, 400, "{:?}", String::from_utf8_lossy(broken));
        }
        // The same for an event the bot never reads: stored and ignored.
        let answer = server.deliver("star", "broken-star", b"not json").await;
        assert_eq!(answer.status, 202);
        assert_eq!(answer.body["status"], "ignored");
        // Valid JSON of an unexpected shape, unknown events and unknown actions: 202, ignored
        // at once when the receiver can tell (it reads only the routing fields).
        let shapes = [
            ("issues", &br#"[1, 2, 3]"#[..]),
            ("issues", br#"{"action":"typed","issue":{"number":1}}"#),
            ("issue_comment", br#"{"action":"pinned"}"#),
            ("a_future_event", br#"{"action":"happened"}"#),
        ];
        for (i, (event, body)) in shapes.iter().enumerate() {
            let answer = server.deliver(event, &format!("shape-{i}"), body).await;
            assert_eq!(
                answer.status,
                202,
                "{event} {}",
                String::from_utf8_lossy(body)
            );
            assert_eq!(answer.body["status"], "ignored");
        }
        assert!(
            store.jobs(None, 10).await.expect("jobs").is_empty(),
            "no job of any state for bad or ignored payloads"
        );
        // An action we act on whose body the worker cannot read: accepted, then ignored by the
        // worker and counted, never a dead job that looks like our failure.
        let odd = br#"{"action":"opened","issue":"not an object","repository":{"name":"r","full_name":"o/r"}}"#;
        let answer = server.deliver("issues", "odd-shape", odd).await;
        assert_eq!(answer.status, 202);
        wait_idle(&store, std::time::Duration::from_secs(10)).await;
        assert_eq!(count_jobs(&store, JobState::Dead).await, 0);
        assert_eq!(count_jobs(&store, JobState::Done).await, 1);
        let (_, metrics) = server.get("/metrics").await;
        assert!(
            metrics.contains(
                "coordinator_deliveries_ignored_total{event=\"issues\",reason=\"unexpected_shape\"} 1"
            ),
            "{metrics}"
        );
        // The good delivery still goes through afterwards.
        assert_eq!(server.deliver("issues", "good", &body).await.status, 202);
        server.stop().await;
    }
);

both_backends!(
    a_duplicate_delivery_is_answered_200_and_not_processed_again,
    |db: TestDb| async move {
        let store = db.store().await;
        let server = TestServer::start(store.clone(), ServerOptions::default()).await;
        let body = fixture("issue_comment", "created.payload.json");
        let first = server.deliver("issue_comment", "same-id", &body).await;
        assert_eq!(first.status, 202);
        wait_idle(&store, Duration::from_secs(10)).await;
        let second = server.deliver("issue_comment", "same-id", &body).await;
        assert_eq!(second.status, 200);
        assert_eq!(second.body["status"], "duplicate");
        // Concurrent copies of one new delivery: one is stored, the rest are duplicates.
        let answers = futures::future::join_all(
            (0..8).map(|_| server.deliver("issue_comment", "burst-id", &body)),
        )
        .await;
        let accepted = answers.iter().filter(|a| a.status == 202).count();
        let duplicates = answers.iter().filter(|a| a.status == 200).count();
        assert_eq!((accepted, duplicates), (1, 7));
        wait_idle(&store, Duration::from_secs(10)).await;
        assert_eq!(count_jobs(&store, JobState::Done).await, 2);
        server.stop().await;
    }
);

both_backends!(
    a_restart_between_the_202_and_the_job_loses_nothing,
    |db: TestDb| async move {
        let store = db.store().await;
        let intake_only = TestServer::start(
            store.clone(),
            ServerOptions {
                run_worker: false,
                ..ServerOptions::default()
            },
        )
        .await;
        let body = fixture("issues", "labeled.payload.json");
        assert_eq!(
            intake_only
                .deliver("issues", "survivor", &body)
                .await
                .status,
            202
        );
        intake_only.stop().await;
        assert_eq!(count_jobs(&store, JobState::Queued).await, 1);
        let delivery = store
            .delivery("survivor")
            .await
            .expect("read")
            .expect("stored");
        assert!(delivery.processed_at.is_none());
        assert_eq!(
            delivery.payload.as_deref(),
            Some(&body[..]),
            "the raw body is kept verbatim"
        );

        // A new process on the same database.
        let store = db.store().await;
        let server = TestServer::start(store.clone(), ServerOptions::default()).await;
        wait_idle(&store, Duration::from_secs(10)).await;
        let jobs = store.jobs(None, 10).await.expect("jobs");
        assert_eq!(jobs.len(), 1);
        assert_eq!(jobs[0].state, JobState::Done);
        assert_eq!(jobs[0].attempts, 1, "run once");
        let delivery = store
            .delivery("survivor")
            .await
            .expect("read")
            .expect("stored");
        assert!(delivery.processed_at.is_some());
        server.stop().await;
    }
);

both_backends!(
    healthz_answers_when_the_database_does,
    |db: TestDb| async move {
        let store = db.store().await;
        let server = TestServer::start(store, ServerOptions::default()).await;
        let (status, body) = server.get("/healthz").await;
        assert_eq!(status, 200);
        assert_eq!(body, r#"{"status":"ok"}"#);
        let (status, body) = server.get("/metrics").await;
        assert_eq!(status, 200);
        assert!(body.contains("# TYPE coordinator_jobs gauge"));
        assert!(body.contains("coordinator_github_rate_limit_remaining"));
        server.stop().await;
    }
);

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let db = TestDb::new(Db::Sqlite).await;
    let store = db.store().await;
    let server = TestServer::start(store.clone(), ServerOptions::default()).await;
    let huge = vec![b' '; 25 * 1024 * 1024 + 1];
    let sig = coordinator::github::signature::sign(&secrecy::SecretString::from(SECRET), &huge);
    let answer = server
        .post(
            &[
                ("x-github-event", "issues"),
                ("x-github-delivery", "huge"),
                ("x-hub-signature-256", &sig),
            ],
            huge,
        )
        .await;
    assert_eq!(answer.status, 413);

    // Without a Content-Length (chunked), the cap applies while reading.
    let mut stream = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connect");
    let head = "POST /api/github/webhooks HTTP/1.1\r\nhost: test\r\nx-github-event: issues\r\n\
                x-github-delivery: chunked\r\nx-hub-signature-256: sha256=00\r\n\
                transfer-encoding: chunked\r\n\r\n";
    stream.write_all(head.as_bytes()).await.expect("head");
    let chunk = vec![b'a'; 1024 * 1024];
    for _ in 0..27 {
        let sent = async {
            stream
                .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                .await?;
            stream.write_all(&chunk).await?;
            stream.write_all(b"\r\n").await
        };
        if sent.await.is_err() {
            break; // the server answered and closed
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut response = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut response)).await;
    let response = String::from_utf8_lossy(&response);
    assert!(
        response.starts_with("HTTP/1.1 413"),
        "got: {}",
        response.lines().next().unwrap_or("")
    );
    assert!(store.delivery("huge").await.expect("read").is_none());
    assert!(store.delivery("chunked").await.expect("read").is_none());
    server.stop().await;
}
