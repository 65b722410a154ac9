//! Recovery of missed deliveries: the App's failed deliveries that the bot never stored are
//! asked for again, once, and no more than the pass's bound; and the periodic sync of the
//! mirror, which catches up what webhooks do not carry.

mod common;

use coordinator::bot::recovery::{Recovery, RecoverySettings};
use coordinator::store::{CompressedPayload, DeliveryOutcome, NewDelivery};

use common::bot::*;
use common::github::HookDeliverySpec;
use common::*;

both_backends!(
    failed_deliveries_never_stored_are_asked_for_again,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        // Stored by us although GitHub saw a timeout: not asked for.
        s.store
            .record_deliveries(&[NewDelivery {
                id: "guid-stored".into(),
                event: "issues".into(),
                action: Some("opened".into()),
                installation_id: Some(INSTALLATION),
                repo: Some(REPO.into()),
                outcome: DeliveryOutcome::Ignored,
                payload: Some(CompressedPayload::compress(b"{}")),
                received_at: now_ms(),
                job: None,
            }])
            .await
            .expect("record");
        let deliveries = [
            (1, "guid-ok", 200),
            (2, "guid-lost", 502),    // failed, never stored: asked for
            (3, "guid-stored", 504),  // failed for GitHub, but stored
            (4, "guid-retried", 500), // failed, then its redelivery got through
            (5, "guid-retried", 200),
            (6, "guid-twice", 500), // failed twice: asked for once, the newest attempt
            (7, "guid-twice", 500),
        ];
        for (id, guid, status) in deliveries {
            let mut spec = HookDeliverySpec::new(id, guid, "issue_comment", status);
            spec.redelivery = id == 5 || id == 7;
            s.standin.add_hook_delivery(spec);
        }
        let github = coordinator::github::client::GitHub::new(
            coordinator::github::client::GitHubSettings {
                api_url: s.standin.url.clone(),
                credentials: coordinator::github::client::Credentials::App {
                    app_id: common::github::StandIn::app_id(),
                    private_key: secrecy::SecretString::from(
                        common::github::StandIn::app_private_key_pem(),
                    ),
                },
                retry: retry(),
            },
            std::sync::Arc::new(coordinator::metrics::Metrics::default()),
        )
        .expect("github");
        let client = github.app_client().expect("app client");
        let bot = make_bot(s.store.clone(), &s.standin, None, false, false).await;
        let mut recovery = Recovery::default();
        let report = recovery
            .pass(&bot, &client, &RecoverySettings::default())
            .await
            .expect("pass");
        assert_eq!(report.seen, 7);
        let mut asked = s.standin.redelivery_requests();
        asked.sort_unstable();
        let newest_of_twice = 7;
        assert_eq!(asked, vec![2, newest_of_twice]);
        // The next pass does not ask again for the same ones.
        let again = recovery
            .pass(&bot, &client, &RecoverySettings::default())
            .await
            .expect("pass");
        assert!(again.redelivered.is_empty());
        assert_eq!(s.standin.redelivery_requests().len(), 2);
        // The listing and the requests were made as the App (JWT).
        assert!(
            s.standin
                .calls()
                .iter()
                .filter(|c| c.path.starts_with("/app/hook/deliveries"))
                .all(|c| c.auth == common::github::Auth::Jwt)
        );
        // A delivery GitHub will not redeliver (422) does not stop the pass, and is not asked
        // for again.
        for (id, guid) in [(8, "guid-expired"), (9, "guid-after")] {
            s.standin
                .add_hook_delivery(HookDeliverySpec::new(id, guid, "issues", 500));
        }
        s.standin
            .fail_next(1, 422, "/app/hook/deliveries/8/attempts");
        let third = recovery
            .pass(&bot, &client, &RecoverySettings::default())
            .await
            .expect("a refused redelivery is not the pass's failure");
        assert_eq!(third.redelivered, vec![9]);
        let fourth = recovery
            .pass(&bot, &client, &RecoverySettings::default())
            .await
            .expect("pass");
        assert!(fourth.redelivered.is_empty(), "{:?}", fourth.redelivered);
        // The bound holds.
        for id in 100..140 {
            s.standin.add_hook_delivery(HookDeliverySpec::new(
                id,
                &format!("lost-{id}"),
                "issues",
                500,
            ));
        }
        let bounded = Recovery::default()
            .pass(
                &bot,
                &client,
                &RecoverySettings {
                    max_redeliveries: 5,
                    ..RecoverySettings::default()
                },
            )
            .await
            .expect("pass");
        assert_eq!(bounded.redelivered.len(), 5);
    }
);

both_backends!(
    every_mirrored_repository_is_synced_once_per_period,
    |db: TestDb| async move {
        let s = scenario(db, false, None).await;
        let bot = make_bot(s.store.clone(), &s.standin, None, false, false).await;
        let before = s.store.jobs(None, 1_000).await.expect("jobs").len();
        assert_eq!(bot.queue_periodic_syncs(100).await.expect("queue"), 1);
        // Another replica, the same period: nothing more.
        assert_eq!(bot.queue_periodic_syncs(100).await.expect("queue"), 0);
        assert_eq!(bot.queue_periodic_syncs(101).await.expect("queue"), 1);
        let jobs = s.store.jobs(None, 1_000).await.expect("jobs");
        assert_eq!(jobs.len(), before + 2);
        let sync = jobs
            .iter()
            .find(|j| j.kind == coordinator::bot::SYNC_JOB)
            .expect("a sync job");
        assert!(sync.args.contains(REPO), "{}", sync.args);
        assert!(sync.args.contains("\"full\":false"), "{}", sync.args);
    }
);
