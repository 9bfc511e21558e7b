//! Quick start: a plan whose every step waits for a human, its live events, one approval, then a cancel.
//!
//! ```text
//! ./ossaat serve --data-dir /tmp/o &        # prints "ready: http://127.0.0.1:7070"
//! export OSSAAT_TOKEN=$(cat /tmp/o/token)
//! cargo run --example quickstart            # in sdk-rust/
//! ```
use futures_util::StreamExt;
use ossaat::{Client, StepState};

#[tokio::main]
async fn main() -> ossaat::Result<()> {
    let client = Client::from_env()?; // OSSAAT_URL (default http://127.0.0.1:7070), OSSAAT_TOKEN
    // a git repository with a commit: the plan works in a worktree of it, on a branch of its own
    let workspace = std::env::temp_dir().join("ossaat-quickstart");
    if !workspace.join(".git").exists() {
        let init = "git init -q \"$0\" && git -C \"$0\" -c user.name=me -c user.email=me@localhost \
                    commit -q --allow-empty -m start";
        let made = std::process::Command::new("sh")
            .args(["-c", init])
            .arg(&workspace)
            .status();
        assert!(
            made.is_ok_and(|s| s.success()),
            "git could not make {workspace:?}"
        );
    }
    let plan = client
        .plans()
        .create("try the Rust SDK")
        .agent("careful") // every step waits for a human
        .workspace(workspace.to_string_lossy())
        // apply_changes applies this unified diff; the engine refuses a careful plan without one
        .inputs(serde_json::json!({"patch": "--- /dev/null\n+++ b/NEW.md\n@@ -0,0 +1 @@\n+hello from Rust\n"}))
        .send()
        .await?;
    println!("plan {} is {}", plan.id, plan.state);

    // History first, then live; a dropped connection resumes where it left off.
    let mut events = client.events().plan(&plan.id).stream();
    while let Some(event) = events.next().await {
        let event = event?;
        let step = event.step_id.as_deref().unwrap_or("(plan)");
        println!("event {:>4}  {step:<14} {:?}", event.id, event.state);
        if step == "index_repo" && event.state == StepState::WaitingApproval {
            client
                .steps(&plan.id)
                .approve(step)
                .rationale("reading is fine")
                .send()
                .await?;
        }
        if step == "apply_changes" && event.state == StepState::WaitingApproval {
            break; // the next step waits for us: enough for a first look
        }
        if event.finishes_plan() {
            break;
        }
    }

    let mut plan = client.plans().get(&plan.id).await?;
    if !plan.state.is_terminal() {
        plan = client.plans().cancel(&plan.id).await?;
    }
    println!("plan {} is {}", plan.id, plan.state);
    Ok(())
}
