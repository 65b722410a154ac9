//! The delivery log and the job queue, written once for both databases.
//!
//! The statements below are valid in SQLite and Postgres alike (`$n` parameters, `ON CONFLICT`,
//! `RETURNING`); the one that differs, claiming jobs, comes from the backend as
//! `Self::CLAIM_JOBS` (Postgres adds `FOR UPDATE SKIP LOCKED`). sqlx's typed pools need the
//! concrete database type, so the shared implementation is a macro instantiated per backend.

/// The job columns in the order `job_from_row` reads them.
macro_rules! job_columns {
    () => {
        "id, kind, delivery_id, args, dedupe_key, state, attempts, max_attempts, run_at, \
         lease_owner, lease_expires_at, last_error, created_at, updated_at, finished_at"
    };
}
pub(crate) use job_columns;

/// The claim statement's ready-job condition, shared by both backends.
macro_rules! claimable_jobs {
    () => {
        "SELECT id FROM jobs WHERE state IN ('queued', 'failed') AND run_at <= $3 \
         ORDER BY run_at, id LIMIT $4"
    };
}
pub(crate) use claimable_jobs;

macro_rules! impl_queue_store {
    ($store:ty, $db:ty) => {
        fn job_from_row(row: &<$db as sqlx::Database>::Row) -> anyhow::Result<$crate::store::Job> {
            use sqlx::Row as _;
            let state: String = row.try_get("state")?;
            Ok($crate::store::Job {
                id: row.try_get("id")?,
                kind: row.try_get("kind")?,
                delivery_id: row.try_get("delivery_id")?,
                args: row.try_get("args")?,
                dedupe_key: row.try_get("dedupe_key")?,
                state: $crate::store::JobState::parse(&state)?,
                attempts: row.try_get("attempts")?,
                max_attempts: row.try_get("max_attempts")?,
                run_at: row.try_get("run_at")?,
                lease_owner: row.try_get("lease_owner")?,
                lease_expires_at: row.try_get("lease_expires_at")?,
                last_error: row.try_get("last_error")?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
                finished_at: row.try_get("finished_at")?,
            })
        }

        async fn insert_job(
            conn: &mut <$db as sqlx::Database>::Connection,
            job: &$crate::store::NewJob,
            now: $crate::store::Millis,
        ) -> anyhow::Result<Option<i64>> {
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO jobs (kind, delivery_id, args, dedupe_key, state, attempts, \
                 max_attempts, run_at, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, 'queued', 0, $5, $6, $7, $7) \
                 ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
            )
            .bind(&job.kind)
            .bind(&job.delivery_id)
            .bind(&job.args)
            .bind(&job.dedupe_key)
            .bind(job.max_attempts)
            .bind(job.run_at)
            .bind(now)
            .fetch_optional(&mut *conn)
            .await?;
            Ok(id)
        }

        #[async_trait::async_trait]
        impl $crate::store::QueueStore for $store {
            fn backend(&self) -> $crate::store::Backend {
                Self::BACKEND
            }

            async fn ping(&self) -> anyhow::Result<()> {
                sqlx::query("SELECT 1").execute(self.reader()).await?;
                Ok(())
            }

            async fn record_deliveries(
                &self,
                batch: &[$crate::store::NewDelivery],
            ) -> anyhow::Result<Vec<$crate::store::RecordOutcome>> {
                use sqlx::Row as _;
                use $crate::store::RecordOutcome;
                if batch.is_empty() {
                    return Ok(Vec::new());
                }
                let now = $crate::store::now_ms();
                let mut tx = self.begin_write().await?;
                // One statement for the whole batch: each round trip to the database costs
                // more than the rows themselves. RETURNING names the rows that were new.
                let mut insert = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO deliveries (id, event, action, installation_id, repo, outcome, \
                     payload, received_at) ",
                );
                insert.push_values(batch, |mut row, d| {
                    row.push_bind(d.id.clone())
                        .push_bind(d.event.clone())
                        .push_bind(d.action.clone())
                        .push_bind(d.installation_id)
                        .push_bind(d.repo.clone())
                        .push_bind(d.outcome.as_str())
                        .push_bind(d.payload.as_ref().map(|p| p.as_bytes().to_vec()))
                        .push_bind(d.received_at);
                });
                insert.push(" ON CONFLICT (id) DO NOTHING RETURNING id");
                let mut new_ids = std::collections::HashSet::new();
                for row in insert.build().fetch_all(&mut *tx).await? {
                    new_ids.insert(row.try_get::<String, _>("id")?);
                }
                // The first copy of a new ID was stored; any later copy in the batch, and
                // every ID that was there before, is a duplicate.
                let outcomes: Vec<RecordOutcome> = batch
                    .iter()
                    .map(|d| {
                        if new_ids.remove(&d.id) {
                            RecordOutcome::Stored
                        } else {
                            RecordOutcome::Duplicate
                        }
                    })
                    .collect();
                let jobs: Vec<&$crate::store::NewJob> = batch
                    .iter()
                    .zip(&outcomes)
                    .filter(|(_, outcome)| **outcome == RecordOutcome::Stored)
                    .filter_map(|(d, _)| d.job.as_ref())
                    .collect();
                if !jobs.is_empty() {
                    let mut insert = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO jobs (kind, delivery_id, args, dedupe_key, state, attempts, \
                         max_attempts, run_at, created_at, updated_at) ",
                    );
                    insert.push_values(jobs, |mut row, job| {
                        row.push_bind(job.kind.clone())
                            .push_bind(job.delivery_id.clone())
                            .push_bind(job.args.clone())
                            .push_bind(job.dedupe_key.clone())
                            .push_bind("queued")
                            .push_bind(0i64)
                            .push_bind(job.max_attempts)
                            .push_bind(job.run_at)
                            .push_bind(now)
                            .push_bind(now);
                    });
                    insert.push(" ON CONFLICT (dedupe_key) DO NOTHING");
                    insert.build().execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(outcomes)
            }

            async fn delivery(&self, id: &str) -> anyhow::Result<Option<$crate::store::Delivery>> {
                use sqlx::Row as _;
                let row = sqlx::query(
                    "SELECT id, event, action, installation_id, repo, outcome, payload, \
                     received_at, processed_at FROM deliveries WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(self.reader())
                .await?;
                let Some(row) = row else { return Ok(None) };
                Ok(Some($crate::store::Delivery {
                    id: row.try_get("id")?,
                    event: row.try_get("event")?,
                    action: row.try_get("action")?,
                    installation_id: row.try_get("installation_id")?,
                    repo: row.try_get("repo")?,
                    outcome: row.try_get("outcome")?,
                    payload: row
                        .try_get::<Option<Vec<u8>>, _>("payload")?
                        .map(|stored| $crate::store::CompressedPayload::decompress(&stored))
                        .transpose()?,
                    received_at: row.try_get("received_at")?,
                    processed_at: row.try_get("processed_at")?,
                }))
            }

            async fn prune_payloads(&self, before: $crate::store::Millis) -> anyhow::Result<u64> {
                let done = sqlx::query(
                    "UPDATE deliveries SET payload = NULL \
                     WHERE payload IS NOT NULL AND processed_at IS NOT NULL AND processed_at < $1",
                )
                .bind(before)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected())
            }

            async fn enqueue_job(&self, job: &$crate::store::NewJob) -> anyhow::Result<Option<i64>> {
                let mut conn = self.writer().acquire().await?;
                insert_job(&mut conn, job, $crate::store::now_ms()).await
            }

            async fn claim_jobs(
                &self,
                owner: &str,
                now: $crate::store::Millis,
                lease_ms: i64,
                limit: i64,
            ) -> anyhow::Result<Vec<$crate::store::Job>> {
                let rows = sqlx::query(Self::CLAIM_JOBS)
                    .bind(owner)
                    .bind(now + lease_ms)
                    .bind(now)
                    .bind(limit)
                    .fetch_all(self.writer())
                    .await?;
                let mut jobs = rows.iter().map(job_from_row).collect::<anyhow::Result<Vec<_>>>()?;
                jobs.sort_by_key(|job| (job.run_at, job.id));
                Ok(jobs)
            }

            async fn recover_expired_jobs(
                &self,
                now: $crate::store::Millis,
            ) -> anyhow::Result<(u64, u64)> {
                let mut tx = self.begin_write().await?;
                // The worker holding these leases died or hung: queue the jobs again.
                let requeued = sqlx::query(
                    "UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, \
                     run_at = $1, updated_at = $1, \
                     last_error = 'the worker running this attempt stopped before it finished' \
                     WHERE state = 'running' AND lease_expires_at < $1 AND attempts < max_attempts",
                )
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                // Those that died in their last attempt have used their attempts: dead.
                let buried = sqlx::query(
                    "UPDATE jobs SET state = 'dead', lease_owner = NULL, lease_expires_at = NULL, \
                     finished_at = $1, updated_at = $1, \
                     last_error = 'the worker running the last attempt stopped before it finished' \
                     WHERE state = 'running' AND lease_expires_at < $1 AND attempts >= max_attempts",
                )
                .bind(now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                tx.commit().await?;
                Ok((requeued, buried))
            }

            async fn extend_lease(
                &self,
                id: i64,
                owner: &str,
                until: $crate::store::Millis,
            ) -> anyhow::Result<bool> {
                let done = sqlx::query(
                    "UPDATE jobs SET lease_expires_at = $3 \
                     WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
                )
                .bind(id)
                .bind(owner)
                .bind(until)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn finish_jobs(
                &self,
                owner: &str,
                now: $crate::store::Millis,
                results: &[(i64, $crate::store::JobResult)],
            ) -> anyhow::Result<Vec<bool>> {
                use $crate::store::JobResult;
                let mut tx = self.begin_write().await?;
                let mut kept = Vec::with_capacity(results.len());
                for (id, result) in results {
                    let done = match result {
                        JobResult::Done => {
                            let done = sqlx::query(
                                "UPDATE jobs SET state = 'done', lease_owner = NULL, \
                                 lease_expires_at = NULL, finished_at = $3, updated_at = $3 \
                                 WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
                            )
                            .bind(id)
                            .bind(owner)
                            .bind(now)
                            .execute(&mut *tx)
                            .await?;
                            if done.rows_affected() == 1 {
                                // A delivery is processed when its job is done.
                                sqlx::query(
                                    "UPDATE deliveries SET processed_at = $2 \
                                     WHERE id = (SELECT delivery_id FROM jobs WHERE id = $1)",
                                )
                                .bind(id)
                                .bind(now)
                                .execute(&mut *tx)
                                .await?;
                            }
                            done
                        }
                        JobResult::Failed { error, retry_at: Some(retry_at) } => {
                            sqlx::query(
                                "UPDATE jobs SET state = 'failed', lease_owner = NULL, \
                                 lease_expires_at = NULL, run_at = $4, last_error = $5, \
                                 updated_at = $3 \
                                 WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
                            )
                            .bind(id)
                            .bind(owner)
                            .bind(now)
                            .bind(*retry_at)
                            .bind(error)
                            .execute(&mut *tx)
                            .await?
                        }
                        JobResult::Failed { error, retry_at: None } => {
                            sqlx::query(
                                "UPDATE jobs SET state = 'dead', lease_owner = NULL, \
                                 lease_expires_at = NULL, last_error = $4, finished_at = $3, \
                                 updated_at = $3 \
                                 WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
                            )
                            .bind(id)
                            .bind(owner)
                            .bind(now)
                            .bind(error)
                            .execute(&mut *tx)
                            .await?
                        }
                    };
                    kept.push(done.rows_affected() == 1);
                }
                tx.commit().await?;
                Ok(kept)
            }

            async fn release_job(
                &self,
                id: i64,
                owner: &str,
                now: $crate::store::Millis,
            ) -> anyhow::Result<bool> {
                let done = sqlx::query(
                    "UPDATE jobs SET state = 'queued', attempts = attempts - 1, run_at = $3, \
                     lease_owner = NULL, lease_expires_at = NULL, updated_at = $3 \
                     WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
                )
                .bind(id)
                .bind(owner)
                .bind(now)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn job(&self, id: i64) -> anyhow::Result<Option<$crate::store::Job>> {
                let row = sqlx::query(concat!(
                    "SELECT ",
                    $crate::store::queue::job_columns!(),
                    " FROM jobs WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(self.reader())
                .await?;
                row.as_ref().map(job_from_row).transpose()
            }

            async fn jobs(
                &self,
                state: Option<$crate::store::JobState>,
                limit: i64,
            ) -> anyhow::Result<Vec<$crate::store::Job>> {
                let rows = sqlx::query(concat!(
                    "SELECT ",
                    $crate::store::queue::job_columns!(),
                    " FROM jobs WHERE ($1 IS NULL OR state = $1) ORDER BY id DESC LIMIT $2"
                ))
                .bind(state.map(|s| s.as_str()))
                .bind(limit)
                .fetch_all(self.reader())
                .await?;
                rows.iter().map(job_from_row).collect()
            }

            async fn job_counts(&self) -> anyhow::Result<Vec<($crate::store::JobState, i64)>> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state")
                    .fetch_all(self.reader())
                    .await?;
                let mut counts = Vec::with_capacity(rows.len());
                for row in rows {
                    let state: String = row.try_get("state")?;
                    counts.push(($crate::store::JobState::parse(&state)?, row.try_get("n")?));
                }
                counts.sort();
                Ok(counts)
            }
        }
    };
}
pub(crate) use impl_queue_store;
