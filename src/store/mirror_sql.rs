//! The mirror's SQL, written once for both databases; full-text search, which the two do
//! differently, comes from each backend as `Self::search_impl`.

/// The thread columns in the order `thread_from_row` reads them.
macro_rules! thread_columns {
    () => {
        "threads.tid, threads.repo, threads.number, threads.github_id, threads.is_pull_request, \
         threads.title, threads.body, threads.state, threads.state_reason, threads.user_login, \
         threads.author_association, threads.labels, threads.reactions, threads.comment_count, \
         threads.created_at, threads.updated_at, threads.closed_at, threads.merged, threads.draft, \
         threads.html_url"
    };
}
pub(crate) use thread_columns;

macro_rules! comment_columns {
    () => {
        "id, repo, number, user_login, author_association, body, reactions, created_at, \
         updated_at, html_url"
    };
}
pub(crate) use comment_columns;

/// Text as both databases can hold it: Postgres refuses NUL characters in text, so they
/// become U+FFFD on both (GitHub itself does not keep them).
pub(crate) fn storable(text: &str) -> String {
    if text.contains('\0') {
        text.replace('\0', "\u{FFFD}")
    } else {
        text.to_string()
    }
}

/// A digest of every field of a row, so that a row fetched again unchanged (an overlap of
/// two syncs, a webhook and a sync) is not rewritten, while two edits within one second (the
/// resolution of GitHub's `updated_at`) still are.
pub(crate) fn content_hash(row: &impl std::fmt::Debug) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(format!("{row:?}").as_bytes());
    hex::encode(&digest[..12])
}

/// `|bug|cuda setup|`: lowercase label names between marks, so one `LIKE` finds a label.
pub(crate) fn label_keys(labels: &[String]) -> String {
    let mut keys = String::from("|");
    for label in labels {
        keys.push_str(&label.to_lowercase().replace('|', "/"));
        keys.push('|');
    }
    keys
}

/// A `LIKE` pattern matching one label in `label_keys` (escape character `\`).
pub(crate) fn label_pattern(label: &str) -> String {
    let escaped = label
        .to_lowercase()
        .replace('|', "/")
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%|{escaped}|%")
}

macro_rules! impl_mirror_store {
    ($store:ty, $db:ty) => {
        fn thread_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> anyhow::Result<$crate::store::Thread> {
            use sqlx::Row as _;
            let state: String = row.try_get("state")?;
            let labels: String = row.try_get("labels")?;
            let reactions: String = row.try_get("reactions")?;
            Ok($crate::store::Thread {
                repo: row.try_get("repo")?,
                number: row.try_get("number")?,
                github_id: row.try_get("github_id")?,
                is_pull_request: row.try_get("is_pull_request")?,
                title: row.try_get("title")?,
                body: row.try_get("body")?,
                state: $crate::store::ThreadState::parse(&state)
                    .ok_or_else(|| anyhow::anyhow!("unknown thread state {state:?}"))?,
                state_reason: row.try_get("state_reason")?,
                user: row.try_get("user_login")?,
                author_association: row.try_get("author_association")?,
                labels: serde_json::from_str(&labels)?,
                reactions: serde_json::from_str(&reactions)?,
                comment_count: row.try_get("comment_count")?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
                closed_at: row.try_get("closed_at")?,
                merged: row.try_get("merged")?,
                draft: row.try_get("draft")?,
                html_url: row.try_get("html_url")?,
            })
        }

        fn comment_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> anyhow::Result<$crate::store::Comment> {
            use sqlx::Row as _;
            let reactions: String = row.try_get("reactions")?;
            Ok($crate::store::Comment {
                repo: row.try_get("repo")?,
                id: row.try_get("id")?,
                number: row.try_get("number")?,
                user: row.try_get("user_login")?,
                author_association: row.try_get("author_association")?,
                body: row.try_get("body")?,
                reactions: serde_json::from_str(&reactions)?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
                html_url: row.try_get("html_url")?,
            })
        }

        fn ref_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> anyhow::Result<$crate::store::ThreadRef> {
            use sqlx::Row as _;
            let kind: String = row.try_get("kind")?;
            Ok($crate::store::ThreadRef {
                source: row.try_get("source")?,
                target: row.try_get("target")?,
                kind: $crate::store::RefKind::parse(&kind)
                    .ok_or_else(|| anyhow::anyhow!("unknown reference kind {kind:?}"))?,
            })
        }

        fn sync_state_from_row(
            row: &<$db as sqlx::Database>::Row,
        ) -> anyhow::Result<$crate::store::SyncState> {
            use sqlx::Row as _;
            Ok($crate::store::SyncState {
                repo: row.try_get("repo")?,
                display_name: row.try_get("display_name")?,
                default_branch: row.try_get("default_branch")?,
                threads_since: row.try_get("threads_since")?,
                comments_since: row.try_get("comments_since")?,
                threads_next: row.try_get("threads_next")?,
                comments_next: row.try_get("comments_next")?,
                threads_etag: row.try_get("threads_etag")?,
                threads_etag_url: row.try_get("threads_etag_url")?,
                comments_etag: row.try_get("comments_etag")?,
                comments_etag_url: row.try_get("comments_etag_url")?,
                repo_etag: row.try_get("repo_etag")?,
                full_pass_started: row.try_get("full_pass_started")?,
                full_max_updated: row.try_get("full_max_updated")?,
                last_sync_at: row.try_get("last_sync_at")?,
                last_full_sync_at: row.try_get("last_full_sync_at")?,
            })
        }

        async fn put_state(
            conn: &mut <$db as sqlx::Database>::Connection,
            s: &$crate::store::SyncState,
        ) -> anyhow::Result<()> {
            sqlx::query(
                "INSERT INTO sync_state (repo, display_name, default_branch, threads_since, \
                 comments_since, threads_next, comments_next, threads_etag, threads_etag_url, \
                 comments_etag, comments_etag_url, repo_etag, full_pass_started, full_max_updated, \
                 last_sync_at, last_full_sync_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
                 ON CONFLICT (repo) DO UPDATE SET display_name = excluded.display_name, \
                 default_branch = excluded.default_branch, threads_since = excluded.threads_since, \
                 comments_since = excluded.comments_since, threads_next = excluded.threads_next, \
                 comments_next = excluded.comments_next, threads_etag = excluded.threads_etag, \
                 threads_etag_url = excluded.threads_etag_url, \
                 comments_etag = excluded.comments_etag, \
                 comments_etag_url = excluded.comments_etag_url, repo_etag = excluded.repo_etag, \
                 full_pass_started = excluded.full_pass_started, \
                 full_max_updated = excluded.full_max_updated, \
                 last_sync_at = excluded.last_sync_at, \
                 last_full_sync_at = excluded.last_full_sync_at",
            )
            .bind(&s.repo)
            .bind(&s.display_name)
            .bind(&s.default_branch)
            .bind(s.threads_since)
            .bind(s.comments_since)
            .bind(&s.threads_next)
            .bind(&s.comments_next)
            .bind(&s.threads_etag)
            .bind(&s.threads_etag_url)
            .bind(&s.comments_etag)
            .bind(&s.comments_etag_url)
            .bind(&s.repo_etag)
            .bind(s.full_pass_started)
            .bind(s.full_max_updated)
            .bind(s.last_sync_at)
            .bind(s.last_full_sync_at)
            .execute(&mut *conn)
            .await?;
            Ok(())
        }

        /// IDs among `ids` that were deleted (`kind`: thread or comment).
        async fn tombstoned(
            conn: &mut <$db as sqlx::Database>::Connection,
            repo: &str,
            kind: &str,
            ids: &[i64],
        ) -> anyhow::Result<std::collections::HashSet<i64>> {
            use sqlx::Row as _;
            if ids.is_empty() {
                return Ok(Default::default());
            }
            let mut q = sqlx::QueryBuilder::<$db>::new("SELECT id FROM tombstones WHERE repo = ");
            q.push_bind(repo.to_string())
                .push(" AND kind = ")
                .push_bind(kind.to_string())
                .push(" AND id IN (");
            let mut list = q.separated(", ");
            for id in ids {
                list.push_bind(*id);
            }
            list.push_unseparated(")");
            let rows = q.build().fetch_all(&mut *conn).await?;
            rows.iter()
                .map(|r| r.try_get::<i64, _>("id").map_err(Into::into))
                .collect()
        }

        /// Replaces the references made from `origins` with `refs` (source, target, kind,
        /// origin). Origins are `body` (one per thread, found by its source) or `comment:ID`
        /// (unique): each is deleted through an index, never by scanning the repository's
        /// references.
        async fn replace_refs(
            conn: &mut <$db as sqlx::Database>::Connection,
            repo: &str,
            origins: &[(i64, String)],
            refs: &[(i64, i64, $crate::store::RefKind, String)],
        ) -> anyhow::Result<()> {
            let bodies: Vec<i64> = origins
                .iter()
                .filter(|(_, origin)| origin == "body")
                .map(|(source, _)| *source)
                .collect();
            let others: Vec<&String> = origins
                .iter()
                .filter(|(_, origin)| origin != "body")
                .map(|(_, origin)| origin)
                .collect();
            for chunk in bodies.chunks(500) {
                let mut q = sqlx::QueryBuilder::<$db>::new("DELETE FROM thread_refs WHERE repo = ");
                q.push_bind(repo.to_string())
                    .push(" AND origin = 'body' AND source IN (");
                let mut list = q.separated(", ");
                for source in chunk {
                    list.push_bind(*source);
                }
                list.push_unseparated(")");
                q.build().execute(&mut *conn).await?;
            }
            for chunk in others.chunks(500) {
                let mut q = sqlx::QueryBuilder::<$db>::new("DELETE FROM thread_refs WHERE repo = ");
                q.push_bind(repo.to_string()).push(" AND origin IN (");
                let mut list = q.separated(", ");
                for origin in chunk {
                    list.push_bind(origin.to_string());
                }
                list.push_unseparated(")");
                q.build().execute(&mut *conn).await?;
            }
            for chunk in refs.chunks(400) {
                let mut q = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO thread_refs (repo, source, target, kind, origin) ",
                );
                q.push_values(chunk, |mut row, (source, target, kind, origin)| {
                    row.push_bind(repo.to_string())
                        .push_bind(*source)
                        .push_bind(*target)
                        .push_bind(kind.as_str())
                        .push_bind(origin.clone());
                });
                q.push(" ON CONFLICT DO NOTHING");
                q.build().execute(&mut *conn).await?;
            }
            Ok(())
        }

        /// Marks rows as seen by a write, changed or not (a full sync sweeps the unseen).
        async fn mark_seen(
            conn: &mut <$db as sqlx::Database>::Connection,
            table: &str,
            key: &str,
            repo: &str,
            ids: &[i64],
            seen_at: $crate::store::Millis,
        ) -> anyhow::Result<()> {
            for chunk in ids.chunks(500) {
                let mut q = sqlx::QueryBuilder::<$db>::new(format!("UPDATE {table} SET seen_at = "));
                q.push_bind(seen_at)
                    .push(" WHERE repo = ")
                    .push_bind(repo.to_string())
                    .push(format!(" AND {key} IN ("));
                let mut list = q.separated(", ");
                for id in chunk {
                    list.push_bind(*id);
                }
                list.push_unseparated(")");
                q.build().execute(&mut *conn).await?;
            }
            Ok(())
        }

        async fn write_threads(
            conn: &mut <$db as sqlx::Database>::Connection,
            repo: &str,
            threads: &[$crate::store::ThreadWrite],
            seen_at: $crate::store::Millis,
        ) -> anyhow::Result<u64> {
            use sqlx::Row as _;
            let numbers: Vec<i64> = threads.iter().map(|t| t.thread.number).collect();
            let deleted = tombstoned(conn, repo, "thread", &numbers).await?;
            let live: Vec<&$crate::store::ThreadWrite> = threads
                .iter()
                .filter(|t| !deleted.contains(&t.thread.number))
                .collect();
            let mut written = std::collections::HashSet::new();
            for chunk in live.chunks(100) {
                let mut q = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO threads (repo, number, github_id, is_pull_request, title, body, \
                     state, state_reason, user_login, author_association, labels, label_keys, \
                     reactions, reactions_total, comment_count, created_at, updated_at, closed_at, \
                     merged, draft, html_url, content_hash, seen_at) ",
                );
                q.push_values(chunk, |mut row, w| {
                    let t = &w.thread;
                    row.push_bind(repo.to_string())
                        .push_bind(t.number)
                        .push_bind(t.github_id)
                        .push_bind(t.is_pull_request)
                        .push_bind($crate::store::mirror_sql::storable(&t.title))
                        .push_bind(t.body.as_deref().map($crate::store::mirror_sql::storable))
                        .push_bind(t.state.as_str())
                        .push_bind(t.state_reason.clone())
                        .push_bind(t.user.clone())
                        .push_bind(t.author_association.clone())
                        .push_bind(serde_json::to_string(&t.labels).unwrap_or_else(|_| "[]".into()))
                        .push_bind($crate::store::mirror_sql::label_keys(&t.labels))
                        .push_bind(serde_json::to_string(&t.reactions).unwrap_or_else(|_| "{}".into()))
                        .push_bind(t.reactions.total())
                        .push_bind(t.comment_count)
                        .push_bind(t.created_at)
                        .push_bind(t.updated_at)
                        .push_bind(t.closed_at)
                        .push_bind(t.merged)
                        .push_bind(t.draft)
                        .push_bind(t.html_url.clone())
                        .push_bind($crate::store::mirror_sql::content_hash(t))
                        .push_bind(seen_at);
                });
                // An older version (a late webhook, a slow page) never overwrites a newer one.
                q.push(
                    " ON CONFLICT (repo, number) DO UPDATE SET github_id = excluded.github_id, \
                     is_pull_request = excluded.is_pull_request, title = excluded.title, \
                     body = excluded.body, state = excluded.state, \
                     state_reason = excluded.state_reason, user_login = excluded.user_login, \
                     author_association = excluded.author_association, labels = excluded.labels, \
                     label_keys = excluded.label_keys, reactions = excluded.reactions, \
                     reactions_total = excluded.reactions_total, \
                     comment_count = excluded.comment_count, created_at = excluded.created_at, \
                     updated_at = excluded.updated_at, closed_at = excluded.closed_at, \
                     merged = excluded.merged, draft = excluded.draft, html_url = excluded.html_url, \
                     content_hash = excluded.content_hash, seen_at = excluded.seen_at \
                     WHERE threads.updated_at < excluded.updated_at \
                        OR (threads.updated_at = excluded.updated_at \
                            AND threads.content_hash <> excluded.content_hash) \
                     RETURNING number",
                );
                for row in q.build().fetch_all(&mut *conn).await? {
                    written.insert(row.try_get::<i64, _>("number")?);
                }
            }
            // Rows written carry `seen_at` already; the unchanged ones are marked here.
            let unchanged: Vec<i64> = live
                .iter()
                .map(|t| t.thread.number)
                .filter(|n| !written.contains(n))
                .collect();
            mark_seen(conn, "threads", "number", repo, &unchanged, seen_at).await?;
            let fresh: Vec<&&$crate::store::ThreadWrite> = live
                .iter()
                .filter(|t| written.contains(&t.thread.number))
                .collect();
            let origins: Vec<(i64, String)> = fresh
                .iter()
                .map(|t| (t.thread.number, "body".to_string()))
                .collect();
            let refs: Vec<_> = fresh
                .iter()
                .flat_map(|t| {
                    t.refs
                        .iter()
                        .filter(move |(_, target)| *target != t.thread.number)
                        .map(move |(kind, target)| (t.thread.number, *target, *kind, "body".to_string()))
                })
                .collect();
            replace_refs(conn, repo, &origins, &refs).await?;
            Ok(written.len() as u64)
        }

        async fn write_comments(
            conn: &mut <$db as sqlx::Database>::Connection,
            repo: &str,
            comments: &[$crate::store::CommentWrite],
            seen_at: $crate::store::Millis,
        ) -> anyhow::Result<u64> {
            use sqlx::Row as _;
            let ids: Vec<i64> = comments.iter().map(|c| c.comment.id).collect();
            let deleted = tombstoned(conn, repo, "comment", &ids).await?;
            let live: Vec<&$crate::store::CommentWrite> = comments
                .iter()
                .filter(|c| !deleted.contains(&c.comment.id))
                .collect();
            let mut written = std::collections::HashSet::new();
            for chunk in live.chunks(200) {
                let mut q = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO comments (id, repo, number, user_login, author_association, body, \
                     reactions, reactions_total, created_at, updated_at, html_url, content_hash, \
                     seen_at) ",
                );
                q.push_values(chunk, |mut row, w| {
                    let c = &w.comment;
                    row.push_bind(c.id)
                        .push_bind(repo.to_string())
                        .push_bind(c.number)
                        .push_bind(c.user.clone())
                        .push_bind(c.author_association.clone())
                        .push_bind($crate::store::mirror_sql::storable(&c.body))
                        .push_bind(serde_json::to_string(&c.reactions).unwrap_or_else(|_| "{}".into()))
                        .push_bind(c.reactions.total())
                        .push_bind(c.created_at)
                        .push_bind(c.updated_at)
                        .push_bind(c.html_url.clone())
                        .push_bind($crate::store::mirror_sql::content_hash(c))
                        .push_bind(seen_at);
                });
                q.push(
                    " ON CONFLICT (id) DO UPDATE SET repo = excluded.repo, number = excluded.number, \
                     user_login = excluded.user_login, \
                     author_association = excluded.author_association, body = excluded.body, \
                     reactions = excluded.reactions, reactions_total = excluded.reactions_total, \
                     created_at = excluded.created_at, updated_at = excluded.updated_at, \
                     html_url = excluded.html_url, content_hash = excluded.content_hash, \
                     seen_at = excluded.seen_at \
                     WHERE comments.updated_at < excluded.updated_at \
                        OR (comments.updated_at = excluded.updated_at \
                            AND comments.content_hash <> excluded.content_hash) \
                     RETURNING id",
                );
                for row in q.build().fetch_all(&mut *conn).await? {
                    written.insert(row.try_get::<i64, _>("id")?);
                }
            }
            let unchanged: Vec<i64> = live
                .iter()
                .map(|c| c.comment.id)
                .filter(|id| !written.contains(id))
                .collect();
            mark_seen(conn, "comments", "id", repo, &unchanged, seen_at).await?;
            let fresh: Vec<&&$crate::store::CommentWrite> = live
                .iter()
                .filter(|c| written.contains(&c.comment.id))
                .collect();
            let origins: Vec<(i64, String)> = fresh
                .iter()
                .map(|c| (c.comment.number, format!("comment:{}", c.comment.id)))
                .collect();
            let refs: Vec<_> = fresh
                .iter()
                .flat_map(|c| {
                    let origin = format!("comment:{}", c.comment.id);
                    c.refs
                        .iter()
                        .filter(move |(_, target)| *target != c.comment.number)
                        .map(move |(kind, target)| (c.comment.number, *target, *kind, origin.clone()))
                })
                .collect();
            replace_refs(conn, repo, &origins, &refs).await?;
            Ok(written.len() as u64)
        }

        #[async_trait::async_trait]
        impl $crate::store::MirrorStore for $store {
            async fn write_mirror(
                &self,
                repo: &str,
                threads: &[$crate::store::ThreadWrite],
                comments: &[$crate::store::CommentWrite],
                state: Option<&$crate::store::SyncState>,
                seen_at: $crate::store::Millis,
            ) -> anyhow::Result<$crate::store::WriteStats> {
                let mut tx = self.begin_write().await?;
                Self::lock_mirror(&mut tx, repo, false).await?;
                let threads_written = write_threads(&mut tx, repo, threads, seen_at).await?;
                let comments_written = write_comments(&mut tx, repo, comments, seen_at).await?;
                if let Some(state) = state {
                    put_state(&mut tx, state).await?;
                }
                tx.commit().await?;
                Ok($crate::store::WriteStats {
                    threads_written,
                    comments_written,
                })
            }

            async fn delete_thread(
                &self,
                repo: &str,
                number: i64,
                at: $crate::store::Millis,
            ) -> anyhow::Result<bool> {
                let mut tx = self.begin_write().await?;
                Self::lock_mirror(&mut tx, repo, true).await?;
                sqlx::query(
                    "INSERT INTO tombstones (repo, kind, id, deleted_at) VALUES ($1, 'thread', $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(repo)
                .bind(number)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                let gone = sqlx::query("DELETE FROM threads WHERE repo = $1 AND number = $2")
                    .bind(repo)
                    .bind(number)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                sqlx::query("DELETE FROM comments WHERE repo = $1 AND number = $2")
                    .bind(repo)
                    .bind(number)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM thread_refs WHERE repo = $1 AND (source = $2 OR target = $2)")
                    .bind(repo)
                    .bind(number)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(gone > 0)
            }

            async fn delete_comment(
                &self,
                repo: &str,
                id: i64,
                at: $crate::store::Millis,
            ) -> anyhow::Result<bool> {
                let mut tx = self.begin_write().await?;
                Self::lock_mirror(&mut tx, repo, true).await?;
                sqlx::query(
                    "INSERT INTO tombstones (repo, kind, id, deleted_at) VALUES ($1, 'comment', $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(repo)
                .bind(id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
                let gone = sqlx::query("DELETE FROM comments WHERE repo = $1 AND id = $2")
                    .bind(repo)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                sqlx::query("DELETE FROM thread_refs WHERE repo = $1 AND origin = $2")
                    .bind(repo)
                    .bind(format!("comment:{id}"))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(gone > 0)
            }

            async fn replace_thread_comments(
                &self,
                repo: &str,
                number: i64,
                comments: &[$crate::store::CommentWrite],
                seen_at: $crate::store::Millis,
            ) -> anyhow::Result<u64> {
                use sqlx::Row as _;
                let mut tx = self.begin_write().await?;
                Self::lock_mirror(&mut tx, repo, false).await?;
                write_comments(&mut tx, repo, comments, seen_at).await?;
                let keep: std::collections::HashSet<i64> =
                    comments.iter().map(|c| c.comment.id).collect();
                // Only rows last written before the listing began: a comment a webhook wrote
                // while the listing was under way is newer than the listing, not gone.
                let stored = sqlx::query(
                    "SELECT id FROM comments WHERE repo = $1 AND number = $2 AND seen_at < $3",
                )
                .bind(repo)
                .bind(number)
                .bind(seen_at)
                .fetch_all(&mut *tx)
                .await?;
                let mut deleted = 0;
                for row in stored {
                    let id: i64 = row.try_get("id")?;
                    if keep.contains(&id) {
                        continue;
                    }
                    sqlx::query("DELETE FROM comments WHERE repo = $1 AND id = $2")
                        .bind(repo)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("DELETE FROM thread_refs WHERE repo = $1 AND origin = $2")
                        .bind(repo)
                        .bind(format!("comment:{id}"))
                        .execute(&mut *tx)
                        .await?;
                    deleted += 1;
                }
                tx.commit().await?;
                Ok(deleted)
            }

            async fn add_timeline_refs(
                &self,
                repo: &str,
                target: i64,
                sources: &[i64],
            ) -> anyhow::Result<()> {
                let refs: Vec<_> = sources
                    .iter()
                    .filter(|s| **s != target)
                    .map(|s| (*s, target, $crate::store::RefKind::Timeline, "timeline".to_string()))
                    .collect();
                let mut tx = self.begin_write().await?;
                Self::lock_mirror(&mut tx, repo, false).await?;
                replace_refs(&mut tx, repo, &[], &refs).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn repo_aliases(&self, repo: &str) -> anyhow::Result<Vec<String>> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT alias FROM repo_aliases WHERE repo = $1 AND same = 1 ORDER BY alias")
                    .bind(repo)
                    .fetch_all(self.reader())
                    .await?;
                rows.iter()
                    .map(|r| r.try_get::<String, _>("alias").map_err(Into::into))
                    .collect()
            }

            async fn checked_aliases(&self, repo: &str) -> anyhow::Result<Vec<(String, bool)>> {
                use sqlx::Row as _;
                let rows = sqlx::query("SELECT alias, same FROM repo_aliases WHERE repo = $1 ORDER BY alias")
                    .bind(repo)
                    .fetch_all(self.reader())
                    .await?;
                rows.iter()
                    .map(|r| {
                        Ok((
                            r.try_get::<String, _>("alias")?,
                            r.try_get::<i64, _>("same")? != 0,
                        ))
                    })
                    .collect()
            }

            async fn put_repo_alias(
                &self,
                repo: &str,
                alias: &str,
                same: bool,
                at: $crate::store::Millis,
            ) -> anyhow::Result<()> {
                sqlx::query(
                    "INSERT INTO repo_aliases (repo, alias, same, checked_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (repo, alias) DO UPDATE SET same = excluded.same, checked_at = excluded.checked_at",
                )
                .bind(repo)
                .bind(alias.to_lowercase())
                .bind(i64::from(same))
                .bind(at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn code_head(&self, repo: &str) -> anyhow::Result<Option<$crate::store::CodeHead>> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT * FROM code_heads WHERE repo = $1")
                    .bind(repo)
                    .fetch_optional(self.reader())
                    .await?;
                row.map(|r| -> anyhow::Result<$crate::store::CodeHead> {
                    Ok($crate::store::CodeHead {
                        repo: r.try_get("repo")?,
                        branch: r.try_get("branch")?,
                        sha: r.try_get("sha")?,
                        etag: r.try_get("etag")?,
                        from_push: r.try_get::<i64, _>("from_push")? != 0,
                        checked_at: r.try_get("checked_at")?,
                    })
                })
                .transpose()
            }

            async fn put_code_head(&self, head: &$crate::store::CodeHead) -> anyhow::Result<()> {
                sqlx::query(
                    "INSERT INTO code_heads (repo, branch, sha, etag, from_push, checked_at) VALUES ($1, $2, $3, $4, $5, $6) \
                     ON CONFLICT (repo) DO UPDATE SET branch = excluded.branch, sha = excluded.sha, etag = excluded.etag, \
                     from_push = excluded.from_push, checked_at = excluded.checked_at",
                )
                .bind(&head.repo)
                .bind(&head.branch)
                .bind(&head.sha)
                .bind(&head.etag)
                .bind(i64::from(head.from_push))
                .bind(head.checked_at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn code_index(&self, repo: &str) -> anyhow::Result<Option<$crate::store::StoredCodeIndex>> {
                use sqlx::Row as _;
                let row = sqlx::query("SELECT sha, data, summary, indexed_at FROM code_indexes WHERE repo = $1")
                    .bind(repo)
                    .fetch_optional(self.reader())
                    .await?;
                row.map(|r| -> anyhow::Result<$crate::store::StoredCodeIndex> {
                    Ok($crate::store::StoredCodeIndex {
                        sha: r.try_get("sha")?,
                        blob: r.try_get("data")?,
                        summary: r.try_get("summary")?,
                        indexed_at: r.try_get("indexed_at")?,
                    })
                })
                .transpose()
            }

            async fn code_index_sha(&self, repo: &str) -> anyhow::Result<Option<String>> {
                Ok(sqlx::query_scalar("SELECT sha FROM code_indexes WHERE repo = $1")
                    .bind(repo)
                    .fetch_optional(self.reader())
                    .await?)
            }

            async fn put_code_index(
                &self,
                repo: &str,
                index: &$crate::store::StoredCodeIndex,
            ) -> anyhow::Result<()> {
                sqlx::query(
                    "INSERT INTO code_indexes (repo, sha, data, summary, indexed_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (repo) DO UPDATE SET sha = excluded.sha, data = excluded.data, \
                     summary = excluded.summary, indexed_at = excluded.indexed_at",
                )
                .bind(repo)
                .bind(&index.sha)
                .bind(&index.blob)
                .bind(&index.summary)
                .bind(index.indexed_at)
                .execute(self.writer())
                .await?;
                Ok(())
            }

            async fn sync_state(&self, repo: &str) -> anyhow::Result<Option<$crate::store::SyncState>> {
                let row = sqlx::query("SELECT * FROM sync_state WHERE repo = $1")
                    .bind(repo)
                    .fetch_optional(self.reader())
                    .await?;
                row.as_ref().map(sync_state_from_row).transpose()
            }

            async fn put_sync_state(&self, state: &$crate::store::SyncState) -> anyhow::Result<()> {
                let mut conn = self.writer().acquire().await?;
                put_state(&mut conn, state).await
            }

            async fn sweep_unseen(
                &self,
                repo: &str,
                before: $crate::store::Millis,
            ) -> anyhow::Result<(u64, u64)> {
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "DELETE FROM thread_refs WHERE repo = $1 AND source IN \
                     (SELECT number FROM threads WHERE repo = $1 AND seen_at < $2)",
                )
                .bind(repo)
                .bind(before)
                .execute(&mut *tx)
                .await?;
                let threads = sqlx::query("DELETE FROM threads WHERE repo = $1 AND seen_at < $2")
                    .bind(repo)
                    .bind(before)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                sqlx::query(
                    "DELETE FROM thread_refs WHERE repo = $1 AND origin IN \
                     (SELECT 'comment:' || CAST(id AS TEXT) FROM comments WHERE repo = $1 AND seen_at < $2)",
                )
                .bind(repo)
                .bind(before)
                .execute(&mut *tx)
                .await?;
                let comments = sqlx::query("DELETE FROM comments WHERE repo = $1 AND seen_at < $2")
                    .bind(repo)
                    .bind(before)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                tx.commit().await?;
                Ok((threads, comments))
            }

            async fn thread(
                &self,
                repo: &str,
                number: i64,
            ) -> anyhow::Result<Option<$crate::store::Thread>> {
                let row = sqlx::query(concat!(
                    "SELECT ",
                    $crate::store::mirror_sql::thread_columns!(),
                    " FROM threads WHERE repo = $1 AND number = $2"
                ))
                .bind(repo)
                .bind(number)
                .fetch_optional(self.reader())
                .await?;
                row.as_ref().map(thread_from_row).transpose()
            }

            async fn threads_by_number(
                &self,
                repo: &str,
                numbers: &[i64],
            ) -> anyhow::Result<Vec<$crate::store::Thread>> {
                let mut out = Vec::with_capacity(numbers.len());
                for chunk in numbers.chunks(500) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(concat!(
                        "SELECT ",
                        $crate::store::mirror_sql::thread_columns!(),
                        " FROM threads WHERE repo = "
                    ));
                    q.push_bind(repo.to_string()).push(" AND number IN (");
                    let mut list = q.separated(", ");
                    for n in chunk {
                        list.push_bind(*n);
                    }
                    list.push_unseparated(")");
                    for row in q.build().fetch_all(self.reader()).await? {
                        out.push(thread_from_row(&row)?);
                    }
                }
                Ok(out)
            }

            async fn comments_of(
                &self,
                repo: &str,
                number: i64,
            ) -> anyhow::Result<Vec<$crate::store::Comment>> {
                let rows = sqlx::query(concat!(
                    "SELECT ",
                    $crate::store::mirror_sql::comment_columns!(),
                    " FROM comments WHERE repo = $1 AND number = $2 ORDER BY created_at, id"
                ))
                .bind(repo)
                .bind(number)
                .fetch_all(self.reader())
                .await?;
                rows.iter().map(comment_from_row).collect()
            }

            async fn refs_touching(
                &self,
                repo: &str,
                number: i64,
            ) -> anyhow::Result<Vec<$crate::store::ThreadRef>> {
                let rows = sqlx::query(
                    "SELECT DISTINCT source, target, kind FROM thread_refs \
                     WHERE repo = $1 AND (source = $2 OR target = $2) ORDER BY source, target, kind",
                )
                .bind(repo)
                .bind(number)
                .fetch_all(self.reader())
                .await?;
                rows.iter().map(ref_from_row).collect()
            }

            async fn list_threads(
                &self,
                repo: &str,
                query: &$crate::store::ListQuery,
            ) -> anyhow::Result<Vec<$crate::store::Thread>> {
                use $crate::store::ListSort;
                let mut q = sqlx::QueryBuilder::<$db>::new(concat!(
                    "SELECT ",
                    $crate::store::mirror_sql::thread_columns!(),
                    " FROM threads WHERE repo = "
                ));
                q.push_bind(repo.to_string());
                if let Some(state) = query.state {
                    q.push(" AND state = ").push_bind(state.as_str());
                }
                for label in &query.labels {
                    q.push(" AND label_keys LIKE ")
                        .push_bind($crate::store::mirror_sql::label_pattern(label))
                        .push(" ESCAPE '\\'");
                }
                if query.unlabeled {
                    q.push(" AND label_keys = '|'");
                }
                q.push(match query.sort {
                    ListSort::Created => " ORDER BY created_at DESC, number DESC",
                    ListSort::Updated => " ORDER BY updated_at DESC, number DESC",
                    ListSort::Comments => " ORDER BY comment_count DESC, number DESC",
                    ListSort::Reactions => " ORDER BY reactions_total DESC, number DESC",
                });
                q.push(" LIMIT ").push_bind(query.limit.max(0));
                let rows = q.build().fetch_all(self.reader()).await?;
                rows.iter().map(thread_from_row).collect()
            }

            async fn search_threads(
                &self,
                repo: &str,
                query: &$crate::store::SearchQuery,
                state: Option<$crate::store::ThreadState>,
                limit: i64,
            ) -> anyhow::Result<Vec<$crate::store::SearchHit>> {
                use sqlx::Row as _;
                if query.is_empty() || limit <= 0 {
                    return Ok(Vec::new());
                }
                // The statement and the query's syntax are the backend's own; the parameters
                // are the same: the query, the repository, the state, the limit.
                let rows = sqlx::query(Self::SEARCH)
                    .bind(Self::search_text(query))
                    .bind(repo)
                    .bind(state.map(|s| s.as_str()))
                    .bind(limit)
                    .fetch_all(self.reader())
                    .await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::store::SearchHit {
                            thread: thread_from_row(row)?,
                            score: row.try_get("score")?,
                        })
                    })
                    .collect()
            }

            async fn all_threads(&self, repo: &str) -> anyhow::Result<Vec<$crate::store::Thread>> {
                let rows = sqlx::query(concat!(
                    "SELECT ",
                    $crate::store::mirror_sql::thread_columns!(),
                    " FROM threads WHERE repo = $1 ORDER BY number"
                ))
                .bind(repo)
                .fetch_all(self.reader())
                .await?;
                rows.iter().map(thread_from_row).collect()
            }

            async fn all_comments(&self, repo: &str) -> anyhow::Result<Vec<$crate::store::Comment>> {
                let rows = sqlx::query(concat!(
                    "SELECT ",
                    $crate::store::mirror_sql::comment_columns!(),
                    " FROM comments WHERE repo = $1 ORDER BY number, created_at, id"
                ))
                .bind(repo)
                .fetch_all(self.reader())
                .await?;
                rows.iter().map(comment_from_row).collect()
            }

            async fn all_refs(&self, repo: &str) -> anyhow::Result<Vec<$crate::store::ThreadRef>> {
                let rows = sqlx::query(
                    "SELECT DISTINCT source, target, kind FROM thread_refs WHERE repo = $1 \
                     ORDER BY source, target, kind",
                )
                .bind(repo)
                .fetch_all(self.reader())
                .await?;
                rows.iter().map(ref_from_row).collect()
            }

            async fn mirror_counts(&self, repo: &str) -> anyhow::Result<(i64, i64)> {
                let threads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM threads WHERE repo = $1")
                    .bind(repo)
                    .fetch_one(self.reader())
                    .await?;
                let comments: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM comments WHERE repo = $1")
                        .bind(repo)
                        .fetch_one(self.reader())
                        .await?;
                Ok((threads, comments))
            }

            async fn comment_counts(
                &self,
                repo: &str,
                numbers: &[i64],
            ) -> anyhow::Result<Vec<(i64, i64)>> {
                use sqlx::Row as _;
                let mut out = Vec::new();
                for chunk in numbers.chunks(500) {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "SELECT number, COUNT(*) AS n FROM comments WHERE repo = ",
                    );
                    q.push_bind(repo.to_string()).push(" AND number IN (");
                    let mut list = q.separated(", ");
                    for n in chunk {
                        list.push_bind(*n);
                    }
                    list.push_unseparated(") GROUP BY number");
                    for row in q.build().fetch_all(self.reader()).await? {
                        out.push((row.try_get("number")?, row.try_get("n")?));
                    }
                }
                Ok(out)
            }

            async fn mirrored_repos(&self) -> anyhow::Result<Vec<$crate::store::SyncState>> {
                let rows = sqlx::query("SELECT * FROM sync_state ORDER BY display_name")
                    .fetch_all(self.reader())
                    .await?;
                rows.iter().map(sync_state_from_row).collect()
            }
        }
    };
}
pub(crate) use impl_mirror_store;
