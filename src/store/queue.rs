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
        "SELECT id FROM jobs \
         WHERE (state IN ('queued', 'failed') AND run_at <= $3) \
            OR (state = 'running' AND lease_expires_at < $3) \
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
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn record_deliveries(
                &self,
                batch: &[$crate::store::NewDelivery],
            ) -> anyhow::Result<Vec<$crate::store::RecordOutcome>> {
                use $crate::store::RecordOutcome;
                let now = $crate::store::now_ms();
                let mut tx = self.pool.begin().await?;
                let mut outcomes = Vec::with_capacity(batch.len());
                for delivery in batch {
                    let inserted = sqlx::query(
                        "INSERT INTO deliveries (id, event, action, installation_id, repo, \
                         outcome, payload, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                         ON CONFLICT (id) DO NOTHING",
                    )
                    .bind(&delivery.id)
                    .bind(&delivery.event)
                    .bind(&delivery.action)
                    .bind(delivery.installation_id)
                    .bind(&delivery.repo)
                    .bind(delivery.outcome.as_str())
                    .bind(delivery.payload.as_deref())
                    .bind(delivery.received_at)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                        == 1;
                    if !inserted {
                        outcomes.push(RecordOutcome::Duplicate);
                        continue;
                    }
                    if let Some(job) = &delivery.job {
                        insert_job(&mut tx, job, now).await?;
                    }
                    outcomes.push(RecordOutcome::Stored);
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
                .fetch_optional(&self.pool)
                .await?;
                let Some(row) = row else { return Ok(None) };
                Ok(Some($crate::store::Delivery {
                    id: row.try_get("id")?,
                    event: row.try_get("event")?,
                    action: row.try_get("action")?,
                    installation_id: row.try_get("installation_id")?,
                    repo: row.try_get("repo")?,
                    outcome: row.try_get("outcome")?,
                    payload: row.try_get("payload")?,
                    received_at: row.try_get("received_at")?,
                    processed_at: row.try_get("processed_at")?,
                }))
            }

            async fn mark_delivery_processed(
                &self,
                id: &str,
                at: $crate::store::Millis,
            ) -> anyhow::Result<()> {
                sqlx::query("UPDATE deliveries SET processed_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn enqueue_job(&self, job: &$crate::store::NewJob) -> anyhow::Result<Option<i64>> {
                let mut conn = self.pool.acquire().await?;
                insert_job(&mut conn, job, $crate::store::now_ms()).await
            }

            async fn claim_jobs(
                &self,
                owner: &str,
                now: $crate::store::Millis,
                lease_ms: i64,
                limit: i64,
            ) -> anyhow::Result<Vec<$crate::store::Job>> {
                // A worker that died in its last attempt leaves a lease that expires: the job
                // has used its attempts, so it ends dead rather than running once more.
                sqlx::query(
                    "UPDATE jobs SET state = 'dead', lease_owner = NULL, lease_expires_at = NULL, \
                     finished_at = $1, updated_at = $1, \
                     last_error = 'the worker running the last attempt stopped before it finished' \
                     WHERE state = 'running' AND lease_expires_at < $1 AND attempts >= max_attempts",
                )
                .bind(now)
                .execute(&self.pool)
                .await?;
                let rows = sqlx::query(Self::CLAIM_JOBS)
                    .bind(owner)
                    .bind(now + lease_ms)
                    .bind(now)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                let mut jobs = rows.iter().map(job_from_row).collect::<anyhow::Result<Vec<_>>>()?;
                jobs.sort_by_key(|job| (job.run_at, job.id));
                Ok(jobs)
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
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn finish_job(
                &self,
                id: i64,
                owner: &str,
                now: $crate::store::Millis,
                result: &$crate::store::JobResult,
            ) -> anyhow::Result<bool> {
                use $crate::store::JobResult;
                let done = match result {
                    JobResult::Done => {
                        sqlx::query(
                            "UPDATE jobs SET state = 'done', lease_owner = NULL, \
                             lease_expires_at = NULL, finished_at = $3, updated_at = $3 \
                             WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
                        )
                        .bind(id)
                        .bind(owner)
                        .bind(now)
                        .execute(&self.pool)
                        .await?
                    }
                    JobResult::Failed { error, retry_at: Some(retry_at) } => {
                        sqlx::query(
                            "UPDATE jobs SET state = 'failed', lease_owner = NULL, \
                             lease_expires_at = NULL, run_at = $4, last_error = $5, updated_at = $3 \
                             WHERE id = $1 AND lease_owner = $2 AND state = 'running'",
                        )
                        .bind(id)
                        .bind(owner)
                        .bind(now)
                        .bind(*retry_at)
                        .bind(error)
                        .execute(&self.pool)
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
                        .execute(&self.pool)
                        .await?
                    }
                };
                Ok(done.rows_affected() == 1)
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
                .execute(&self.pool)
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
                .fetch_optional(&self.pool)
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
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(job_from_row).collect()
            }

            async fn job_counts(&self) -> anyhow::Result<Vec<($crate::store::JobState, i64)>> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state")
                    .fetch_all(&self.pool)
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
