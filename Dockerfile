# syntax=docker/dockerfile:1
# coordinator: multi-stage build with cargo-chef so that dependencies are a cached layer.
# Needs a Rust image >= 1.94 (sqlx 0.9); built and tested with rust:1.95.

FROM rust:1.95-slim-bookworm AS chef
RUN cargo install cargo-chef --locked
WORKDIR /app

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
# Dependencies only: this layer is reused until Cargo.toml or Cargo.lock change.
RUN cargo chef cook --release --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked --bin coordinator

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --user-group --home-dir /data --no-create-home coordinator \
    && mkdir -p /data \
    && chown coordinator:coordinator /data
COPY --from=builder /app/target/release/coordinator /usr/local/bin/coordinator
COPY --chmod=755 deploy/entrypoint.sh /usr/local/bin/entrypoint.sh
# No USER line: the entrypoint starts as root only to give the mounted volume to the
# `coordinator` user, then runs the bot as that user (setpriv, part of util-linux).
WORKDIR /data
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=sqlite:///data/coordinator.db \
    LOG_FORMAT=json
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${PORT}/healthz" || exit 1
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
CMD ["serve"]
