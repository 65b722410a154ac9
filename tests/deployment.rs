//! The deployment files agree with the code: fly.toml's port, health check and drain, the
//! Dockerfile's image, and the GitHub App manifest's permissions and events.

use std::collections::BTreeSet;

use coordinator::github::event::ACTED_ON;
use coordinator::server::HEALTH_PATH;

fn read(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// `serve`'s defaults, as clap reads them.
fn serve_default(flag: &str) -> String {
    use clap::CommandFactory;
    let cli = coordinator::cli::Cli::command();
    let serve = cli.find_subcommand("serve").expect("serve");
    let arg = serve
        .get_arguments()
        .find(|a| a.get_long() == Some(flag))
        .unwrap_or_else(|| panic!("--{flag}"));
    arg.get_default_values()
        .first()
        .and_then(|v| v.to_str())
        .expect("a default")
        .to_string()
}

#[test]
fn fly_toml_matches_the_server() {
    let fly: toml::Value = toml::from_str(&read("fly.toml")).expect("fly.toml parses");
    let port: i64 = serve_default("port").parse().expect("port");
    let service = &fly["http_service"];
    assert_eq!(service["internal_port"].as_integer(), Some(port));
    assert_eq!(fly["env"]["PORT"].as_str(), Some(port.to_string().as_str()));
    assert_eq!(
        service["auto_stop_machines"].as_str(),
        Some("off"),
        "a webhook receiver must not cold-start"
    );
    let checks = service["checks"]
        .as_array()
        .expect("[[http_service.checks]]");
    assert!(
        checks
            .iter()
            .any(|c| c["path"].as_str() == Some(HEALTH_PATH))
    );
    // SQLite lives on the volume.
    let mount = fly["mounts"]["destination"].as_str().expect("a volume");
    let db = fly["env"]["DATABASE_URL"].as_str().expect("DATABASE_URL");
    assert!(
        db.starts_with(&format!("sqlite://{mount}/")),
        "{db} on {mount}"
    );
    // fly sends SIGINT and waits kill_timeout: the drain fits inside it.
    assert_eq!(fly["kill_signal"].as_str(), Some("SIGINT"));
    let kill: i64 = fly["kill_timeout"].as_integer().expect("kill_timeout");
    let grace: i64 = fly["env"]["SHUTDOWN_GRACE_SECS"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .expect("grace");
    assert!(
        grace + 5 <= kill,
        "grace {grace} s must end before fly kills at {kill} s"
    );
}

#[test]
fn the_dockerfile_runs_serve_as_a_non_root_user_with_a_health_check() {
    let docker = read("Dockerfile");
    let port = serve_default("port");
    assert!(docker.contains(&format!("EXPOSE {port}")));
    assert!(docker.contains(HEALTH_PATH), "HEALTHCHECK on {HEALTH_PATH}");
    assert!(
        docker.contains(r#"ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]"#)
            && docker.contains(r#"CMD ["serve"]"#)
    );
    // The entrypoint runs the bot as the unprivileged user, after handing it the volume.
    let entry = read("deploy/entrypoint.sh");
    assert!(docker.contains("deploy/entrypoint.sh"));
    assert!(docker.contains("--uid 10001") && docker.contains(" coordinator"));
    assert!(entry.contains("chown coordinator:coordinator /data"));
    assert!(entry.contains("exec setpriv --reuid=coordinator --regid=coordinator"));
    assert!(entry.contains("-- coordinator \"$@\""));
    assert!(
        docker.contains("cargo chef cook"),
        "dependencies in a cached layer"
    );
    let rust: Vec<u32> = docker
        .lines()
        .filter_map(|l| l.strip_prefix("FROM rust:"))
        .filter_map(|v| v.split(['.', '-']).nth(1)?.parse().ok())
        .collect();
    assert!(
        !rust.is_empty() && rust.iter().all(|minor| *minor >= 94),
        "Rust >= 1.94: {rust:?}"
    );
}

#[test]
fn the_app_manifest_asks_for_what_the_bot_uses_and_no_more() {
    let manifest: serde_json::Value = serde_json::from_str(&read("github-app.json")).expect("json");
    let permissions = manifest["default_permissions"]
        .as_object()
        .expect("permissions");
    let got: BTreeSet<(String, String)> = permissions
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
        .collect();
    let want: BTreeSet<(String, String)> = [
        ("issues", "write"),
        ("pull_requests", "read"),
        ("contents", "read"),
        ("metadata", "read"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(got, want);
    // Subscribed events plus those GitHub sends every App are exactly the events handled.
    let mut events: BTreeSet<String> = manifest["default_events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e.as_str().map(str::to_string))
        .collect();
    events.extend([
        "installation".to_string(),
        "installation_repositories".to_string(),
    ]);
    let handled: BTreeSet<String> = ACTED_ON.iter().map(|(e, _)| e.to_string()).collect();
    assert_eq!(events, handled);
    let hook = manifest["hook_attributes"]["url"]
        .as_str()
        .expect("hook url");
    assert!(hook.ends_with(&serde_default_webhook_path()), "{hook}");
}

fn serde_default_webhook_path() -> String {
    serve_default("webhook-path")
}
