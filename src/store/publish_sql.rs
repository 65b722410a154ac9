//! The publication tables' SQL, shared by both databases.

macro_rules! impl_publish_store {
    ($store:ty, $db:ty) => {
        fn publication_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> anyhow::Result<$crate::store::Publication> {
            use sqlx::Row as _;
            Ok($crate::store::Publication {
                repo: row.try_get("repo")?,
                number: row.try_get("number")?,
                kind: row.try_get("kind")?,
                comment_id: row.try_get("comment_id")?,
                comment_url: row.try_get("comment_url")?,
                gist_id: row.try_get("gist_id")?,
                gist_url: row.try_get("gist_url")?,
                prompt_hash: row.try_get("prompt_hash")?,
                triggered_by: row.try_get("triggered_by")?,
                trigger: row.try_get("trigger")?,
                title: row.try_get("title")?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
            })
        }

        fn sweep_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> anyhow::Result<$crate::store::SweepProposal> {
            use sqlx::Row as _;
            let evidence: String = row.try_get("evidence")?;
            Ok($crate::store::SweepProposal {
                repo: row.try_get("repo")?,
                number: row.try_get("number")?,
                reason: row.try_get("reason")?,
                state_reason: row.try_get("state_reason")?,
                comment: row.try_get("comment")?,
                evidence: serde_json::from_str(&evidence).unwrap_or_default(),
                swept_at: row.try_get("swept_at")?,
                comment_id: row.try_get("comment_id")?,
                closed_at: row.try_get("closed_at")?,
            })
        }

        #[async_trait::async_trait]
        impl $crate::store::PublishStore for $store {
            async fn replace_sweep(
                &self,
                repo: &str,
                proposals: &[$crate::store::SweepProposal],
            ) -> anyhow::Result<()> {
                let mut tx = self.writer().begin().await?;
                sqlx::query("DELETE FROM sweep_proposals WHERE repo = $1 AND closed_at IS NULL")
                    .bind(repo)
                    .execute(&mut *tx)
                    .await?;
                for p in proposals {
                    sqlx::query(
                        "INSERT INTO sweep_proposals (repo, number, reason, state_reason, comment, \
                         evidence, swept_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                         ON CONFLICT (repo, number) DO NOTHING",
                    )
                    .bind(repo)
                    .bind(p.number)
                    .bind(&p.reason)
                    .bind(&p.state_reason)
                    .bind(&p.comment)
                    .bind(serde_json::to_string(&p.evidence)?)
                    .bind(p.swept_at)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn sweep_proposal(
                &self,
                repo: &str,
                number: i64,
            ) -> anyhow::Result<Option<$crate::store::SweepProposal>> {
                let row = sqlx::query(
                    "SELECT * FROM sweep_proposals WHERE repo = $1 AND number = $2",
                )
                .bind(repo)
                .bind(number)
                .fetch_optional(self.reader())
                .await?;
                row.as_ref().map(sweep_from_row).transpose()
            }

            async fn set_sweep_comment(
                &self,
                repo: &str,
                number: i64,
                comment_id: i64,
            ) -> anyhow::Result<()> {
                sqlx::query(
                    "UPDATE sweep_proposals SET comment_id = $3 WHERE repo = $1 AND number = $2",
                )
                .bind(repo)
                .bind(number)
                .bind(comment_id)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn set_sweep_closed(
                &self,
                repo: &str,
                number: i64,
                at: $crate::store::Millis,
            ) -> anyhow::Result<()> {
                sqlx::query(
                    "UPDATE sweep_proposals SET closed_at = $3 WHERE repo = $1 AND number = $2",
                )
                .bind(repo)
                .bind(number)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn analyst_answer(&self, key: &str) -> anyhow::Result<Option<String>> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT answer FROM analyst_answers WHERE key = $1")
                    .bind(key)
                    .fetch_optional(self.reader())
                    .await?;
                Ok(match row {
                    Some(row) => Some(row.try_get("answer")?),
                    None => None,
                })
            }

            async fn put_analyst_answer(
                &self,
                key: &str,
                answer: &str,
                at: $crate::store::Millis,
            ) -> anyhow::Result<()> {
                sqlx::query(
                    "INSERT INTO analyst_answers (key, answer, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (key) DO UPDATE SET answer = excluded.answer, \
                     created_at = excluded.created_at",
                )
                .bind(key)
                .bind(answer)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn reserve_analyst_tokens(
                &self,
                day: &str,
                tokens: i64,
                budget: i64,
            ) -> anyhow::Result<bool> {
                let mut tx = self.writer().begin().await?;
                sqlx::query(
                    "INSERT INTO analyst_usage (day, tokens) VALUES ($1, 0) \
                     ON CONFLICT (day) DO NOTHING",
                )
                .bind(day)
                .execute(&mut *tx)
                .await?;
                let done = sqlx::query(
                    "UPDATE analyst_usage SET tokens = tokens + $2 \
                     WHERE day = $1 AND tokens + $2 <= $3",
                )
                .bind(day)
                .bind(tokens)
                .bind(budget)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(done.rows_affected() == 1)
            }

            async fn adjust_analyst_tokens(&self, day: &str, delta: i64) -> anyhow::Result<()> {
                sqlx::query(
                    "INSERT INTO analyst_usage (day, tokens) \
                     VALUES ($1, CASE WHEN $2 > 0 THEN $2 ELSE 0 END) ON CONFLICT (day) DO UPDATE \
                     SET tokens = CASE WHEN analyst_usage.tokens + $2 > 0 \
                     THEN analyst_usage.tokens + $2 ELSE 0 END",
                )
                .bind(day)
                .bind(delta)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn analyst_tokens_spent(&self, day: &str) -> anyhow::Result<i64> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT tokens FROM analyst_usage WHERE day = $1")
                    .bind(day)
                    .fetch_optional(self.reader())
                    .await?;
                Ok(match row {
                    Some(row) => row.try_get("tokens")?,
                    None => 0,
                })
            }

            async fn publication(
                &self,
                repo: &str,
                number: i64,
                kind: &str,
            ) -> anyhow::Result<Option<$crate::store::Publication>> {
                let row = sqlx::query(
                    "SELECT * FROM publications WHERE repo = $1 AND number = $2 AND kind = $3",
                )
                .bind(repo)
                .bind(number)
                .bind(kind)
                .fetch_optional(self.reader())
                .await?;
                row.as_ref().map(publication_from_row).transpose()
            }

            async fn put_publication(&self, p: &$crate::store::Publication) -> anyhow::Result<()> {
                sqlx::query(
                    "INSERT INTO publications (repo, number, kind, comment_id, comment_url, gist_id, \
                     gist_url, prompt_hash, triggered_by, trigger, title, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                     ON CONFLICT (repo, number, kind) DO UPDATE SET comment_id = excluded.comment_id, \
                     comment_url = excluded.comment_url, gist_id = excluded.gist_id, \
                     gist_url = excluded.gist_url, prompt_hash = excluded.prompt_hash, \
                     triggered_by = excluded.triggered_by, trigger = excluded.trigger, \
                     title = excluded.title, updated_at = excluded.updated_at",
                )
                .bind(&p.repo)
                .bind(p.number)
                .bind(&p.kind)
                .bind(p.comment_id)
                .bind(&p.comment_url)
                .bind(&p.gist_id)
                .bind(&p.gist_url)
                .bind(&p.prompt_hash)
                .bind(&p.triggered_by)
                .bind(&p.trigger)
                .bind(&p.title)
                .bind(p.created_at)
                .bind(p.updated_at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn claim_reply(
                &self,
                repo: &str,
                source: &str,
                kind: &str,
                at: $crate::store::Millis,
            ) -> anyhow::Result<bool> {
                // A claim never completed (the process died between the claim and the post)
                // is free again after ten minutes; the reply's marker keeps a retry from
                // posting twice.
                let done = sqlx::query(
                    "INSERT INTO replies (repo, source, kind, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (repo, source, kind) DO UPDATE SET created_at = excluded.created_at \
                     WHERE replies.comment_id IS NULL AND replies.created_at < excluded.created_at - 600000",
                )
                .bind(repo)
                .bind(source)
                .bind(kind)
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn release_reply(&self, repo: &str, source: &str, kind: &str) -> anyhow::Result<()> {
                sqlx::query("DELETE FROM replies WHERE repo = $1 AND source = $2 AND kind = $3")
                    .bind(repo)
                    .bind(source)
                    .bind(kind)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn set_reply_comment(
                &self,
                repo: &str,
                source: &str,
                kind: &str,
                comment_id: i64,
            ) -> anyhow::Result<()> {
                sqlx::query(
                    "UPDATE replies SET comment_id = $4 WHERE repo = $1 AND source = $2 AND kind = $3",
                )
                .bind(repo)
                .bind(source)
                .bind(kind)
                .bind(comment_id)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn add_pr_link(
                &self,
                repo: &str,
                issue: i64,
                pr: i64,
                state: &str,
                line: &str,
                at: $crate::store::Millis,
            ) -> anyhow::Result<bool> {
                let done = sqlx::query(
                    "INSERT INTO pr_links (repo, issue, pr, state, line, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                )
                .bind(repo)
                .bind(issue)
                .bind(pr)
                .bind(state)
                .bind($crate::store::mirror_sql::storable(line))
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn pr_links(&self, repo: &str, issue: i64) -> anyhow::Result<Vec<String>> {
                let lines: Vec<String> = sqlx::query_scalar(
                    "SELECT line FROM pr_links WHERE repo = $1 AND issue = $2 \
                     ORDER BY created_at, pr, state",
                )
                .bind(repo)
                .bind(issue)
                .fetch_all(self.reader())
                .await?;
                Ok(lines)
            }

            async fn pr_links_since(
                &self,
                repo: &str,
                since: $crate::store::Millis,
            ) -> anyhow::Result<Vec<(i64, i64, String)>> {
                let rows: Vec<(i64, i64, String)> = sqlx::query_as(
                    "SELECT issue, pr, state FROM pr_links WHERE repo = $1 AND created_at >= $2 \
                     ORDER BY created_at, pr, state",
                )
                .bind(repo)
                .bind(since)
                .fetch_all(self.reader())
                .await?;
                Ok(rows)
            }

            async fn try_lock(
                &self,
                name: &str,
                owner: &str,
                now: $crate::store::Millis,
                until: $crate::store::Millis,
            ) -> anyhow::Result<bool> {
                let holder: Option<String> = sqlx::query_scalar(
                    "INSERT INTO locks (name, owner, expires_at) VALUES ($1, $2, $4) \
                     ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, \
                     expires_at = excluded.expires_at \
                     WHERE locks.expires_at < $3 OR locks.owner = excluded.owner \
                     RETURNING owner",
                )
                .bind(name)
                .bind(owner)
                .bind(now)
                .bind(until)
                .fetch_optional(self.writer())
                .await?;
                Ok(holder.as_deref() == Some(owner))
            }

            async fn unlock(&self, name: &str, owner: &str) -> anyhow::Result<()> {
                sqlx::query("DELETE FROM locks WHERE name = $1 AND owner = $2")
                    .bind(name)
                    .bind(owner)
                    .execute(self.writer())
                    .await?;
                Ok(())
            }

            async fn log_dry_run(
                &self,
                target: &str,
                action: &str,
                body: &str,
                at: $crate::store::Millis,
            ) -> anyhow::Result<()> {
                sqlx::query(
                    "INSERT INTO dry_run_log (target, action, body, created_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(target)
                .bind(action)
                .bind($crate::store::mirror_sql::storable(body))
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn dry_run_log(
                &self,
                limit: i64,
            ) -> anyhow::Result<Vec<$crate::store::DryRunEntry>> {
                use sqlx::Row as _;
                let rows = sqlx::query(
                    "SELECT id, target, action, body, created_at FROM dry_run_log ORDER BY id LIMIT $1",
                )
                .bind(limit)
                .fetch_all(self.reader())
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::store::DryRunEntry {
                            id: row.try_get("id")?,
                            target: row.try_get("target")?,
                            action: row.try_get("action")?,
                            body: row.try_get("body")?,
                            created_at: row.try_get("created_at")?,
                        })
                    })
                    .collect()
            }
        }
    };
}
pub(crate) use impl_publish_store;
