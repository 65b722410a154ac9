//! Webhook deliveries keep the mirror current through the real router and worker, in any
//! order, on both databases.

mod common;

use std::time::Duration;

use coordinator::store::ThreadState;
use serde_json::Value;

use common::*;

const REPO: &str = "codertocat/hello-world";

fn payload(event: &str, file: &str) -> Value {
    serde_json::from_slice(&fixture(event, file)).expect("fixture json")
}

/// An `issues` payload for issue `number` as it was at `updated`.
fn issue_event(action: &str, number: i64, title: &str, labels: &[&str], updated: &str) -> Vec<u8> {
    let mut p = payload("issues", "edited.payload.json");
    p["action"] = action.into();
    p["issue"]["number"] = number.into();
    p["issue"]["title"] = title.into();
    p["issue"]["updated_at"] = updated.into();
    p["issue"]["labels"] = labels
        .iter()
        .map(|l| serde_json::json!({ "name": l, "color": "ffffff" }))
        .collect();
    serde_json::to_vec(&p).expect("json")
}

fn comment_event(action: &str, number: i64, id: i64, body: &str, updated: &str) -> Vec<u8> {
    let mut p = payload("issue_comment", "created.payload.json");
    p["action"] = action.into();
    p["issue"]["number"] = number.into();
    p["issue"]["updated_at"] = updated.into();
    // The issue as it stood when the comment was made: after the newest edit below.
    p["issue"]["title"] = "Newest title".into();
    p["issue"]["labels"] = serde_json::json!([{ "name": "bug", "color": "ffffff" }]);
    p["comment"]["id"] = id.into();
    p["comment"]["body"] = body.into();
    p["comment"]["updated_at"] = updated.into();
    serde_json::to_vec(&p).expect("json")
}

both_backends!(
    out_of_order_deliveries_end_in_the_newest_state,
    |db: TestDb| async move {
        let store = db.store().await;
        // One job at a time, in the order delivered: the worst case for ordering.
        let server = TestServer::start(
            store.clone(),
            ServerOptions {
                worker: coordinator::jobs::WorkerConfig {
                    concurrency: 1,
                    ..fast_worker()
                },
                ..ServerOptions::default()
            },
        )
        .await;
        let sends = [
            // The newest first: labelled "bug" and retitled at 12:00...
            (
                "issues",
                issue_event(
                    "labeled",
                    7,
                    "Newest title",
                    &["bug"],
                    "2025-05-01T12:00:00Z",
                ),
            ),
            // ...then older ones arrive late: they must not win.
            (
                "issues",
                issue_event("edited", 7, "Older title", &[], "2025-05-01T11:00:00Z"),
            ),
            (
                "issues",
                issue_event("opened", 7, "Original title", &[], "2025-05-01T10:00:00Z"),
            ),
            // A comment edited at 12:05, then its creation (older) arrives.
            (
                "issue_comment",
                comment_event("edited", 7, 555, "edited text", "2025-05-01T12:05:00Z"),
            ),
            (
                "issue_comment",
                comment_event("created", 7, 555, "first text", "2025-05-01T12:01:00Z"),
            ),
            // A comment deleted, then an older edit of it arrives.
            (
                "issue_comment",
                comment_event("created", 7, 556, "to be deleted", "2025-05-01T12:02:00Z"),
            ),
            (
                "issue_comment",
                comment_event("deleted", 7, 556, "to be deleted", "2025-05-01T12:06:00Z"),
            ),
            (
                "issue_comment",
                comment_event("edited", 7, 556, "a late edit", "2025-05-01T12:03:00Z"),
            ),
        ];
        for (i, (event, body)) in sends.iter().enumerate() {
            let answer = server.deliver(event, &format!("ooo-{i}"), body).await;
            assert_eq!(answer.status, 202, "{event}: {}", answer.body);
        }
        wait_idle(&store, Duration::from_secs(10)).await;
        let thread = store
            .thread(REPO, 7)
            .await
            .expect("read")
            .expect("mirrored");
        assert_eq!(thread.title, "Newest title");
        assert_eq!(thread.labels, ["bug"]);
        let comments = store.comments_of(REPO, 7).await.expect("comments");
        assert_eq!(
            comments.len(),
            1,
            "the deleted comment stays deleted: {comments:?}"
        );
        assert_eq!(comments[0].id, 555);
        assert_eq!(comments[0].body, "edited text");

        // Closing, then deleting the issue.
        let mut closed: Value = serde_json::from_slice(&issue_event(
            "closed",
            7,
            "Newest title",
            &["bug"],
            "2025-05-02T00:00:00Z",
        ))
        .expect("json");
        closed["issue"]["state"] = "closed".into();
        let answer = server
            .deliver(
                "issues",
                "close-7",
                &serde_json::to_vec(&closed).expect("json"),
            )
            .await;
        assert_eq!(answer.status, 202);
        wait_idle(&store, Duration::from_secs(10)).await;
        let thread = store
            .thread(REPO, 7)
            .await
            .expect("read")
            .expect("mirrored");
        assert_eq!(thread.state, ThreadState::Closed);
        let mut deleted = payload("issues", "deleted.payload.json");
        deleted["issue"]["number"] = 7.into();
        let answer = server
            .deliver(
                "issues",
                "delete-7",
                &serde_json::to_vec(&deleted).expect("json"),
            )
            .await;
        assert_eq!(answer.status, 202);
        wait_idle(&store, Duration::from_secs(10)).await;
        assert!(store.thread(REPO, 7).await.expect("read").is_none());
        assert!(store.comments_of(REPO, 7).await.expect("read").is_empty());
        server.stop().await;
    }
);

both_backends!(
    pull_request_events_keep_what_the_pulls_api_lacks,
    |db: TestDb| async move {
        let store = db.store().await;
        let server = TestServer::start(store.clone(), ServerOptions::default()).await;
        // The issues API knows the reactions; a pull_request event does not carry them.
        let mut as_issue = payload("issues", "opened.payload.json");
        as_issue["issue"]["number"] = 2.into();
        as_issue["issue"]["updated_at"] = "2019-05-15T15:20:00Z".into();
        as_issue["issue"]["pull_request"] = serde_json::json!({ "url": "x", "merged_at": null });
        as_issue["issue"]["reactions"]["+1"] = 4.into();
        let answer = server
            .deliver(
                "issues",
                "pr-as-issue",
                &serde_json::to_vec(&as_issue).expect("json"),
            )
            .await;
        assert_eq!(answer.status, 202);
        wait_idle(&store, Duration::from_secs(10)).await;
        let mut closed = payload("pull_request", "closed.payload.json");
        closed["pull_request"]["merged"] = true.into();
        closed["pull_request"]["updated_at"] = "2019-05-15T16:00:00Z".into();
        closed["pull_request"]["body"] = "Fixes #1".into();
        let answer = server
            .deliver(
                "pull_request",
                "pr-closed",
                &serde_json::to_vec(&closed).expect("json"),
            )
            .await;
        assert_eq!(answer.status, 202);
        wait_idle(&store, Duration::from_secs(10)).await;
        let pr = store
            .thread(REPO, 2)
            .await
            .expect("read")
            .expect("mirrored");
        assert!(pr.is_pull_request);
        assert_eq!(pr.merged, Some(true));
        assert_eq!(pr.state, ThreadState::Closed);
        assert_eq!(
            pr.reactions.plus_one, 4,
            "reactions kept from the issues API"
        );
        let refs = store.refs_touching(REPO, 1).await.expect("refs");
        assert!(
            refs.iter()
                .any(|r| r.source == 2 && r.kind == coordinator::store::RefKind::Closes),
            "PR #2 says Fixes #1: {refs:?}"
        );
        server.stop().await;
    }
);

both_backends!(
    pull_request_labels_and_draft_state_follow_their_events,
    |db: TestDb| async move {
        let store = db.store().await;
        let server = TestServer::start(store.clone(), ServerOptions::default()).await;
        for (i, file) in ["labeled.payload.json", "converted_to_draft.payload.json"]
            .iter()
            .enumerate()
        {
            let answer = server
                .deliver(
                    "pull_request",
                    &format!("pr-{i}"),
                    &fixture("pull_request", file),
                )
                .await;
            assert_eq!(answer.status, 202);
            assert_eq!(answer.body["status"], "queued", "{file} is acted on");
        }
        wait_idle(&store, Duration::from_secs(10)).await;
        let pr = store
            .thread(REPO, 2)
            .await
            .expect("read")
            .expect("mirrored");
        assert_eq!(pr.labels, vec!["bug".to_string()]);
        assert_eq!(pr.draft, Some(true));
        server.stop().await;
    }
);
