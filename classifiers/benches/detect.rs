//! `Detector::detect` on mixed prompts: prose in several languages, code, config and logs, with
//! a few secrets and personal data in between.

use std::hint::black_box;

use classifiers::Detector;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const PROSE: &str = "Hi team, quick update before the release on 2024-06-14. The checkout \
service now retries payment webhooks three times (see PR #4821, commit 6d58c3ee6814) and \
the p95 latency dropped from 420 ms to 180 ms after we moved the session cache to Redis 7.2. \
Customers in the EU saw €1 234,50 refunds processed within 2 days. Please review the runbook \
and ping me if anything looks off; I'm out on Friday but reachable at +49 30 48291736. \
Version 3.14.2 ships with the new tokenizer, and order 100234987 was the first one through. \
Die Migration läuft heute Abend um 22:00 Uhr; bitte keine Deployments bis 23:30. \
La réunion est déplacée à jeudi, salle 4.12, et le budget reste à 15 000 euros. \
El informe trimestral está en la carpeta compartida, con las cifras de ventas por región. \
";

const CODE: &str = r#"
fn handler(req: Request) -> Result<Response, Error> {
    let user_id = req.param("id")?.parse::<u64>()?;
    let password = std::env::var("DB_PASSWORD")?;
    let url = format!("postgres://app:{password}@db:5432/orders");
    let pool = PgPool::connect(&url).await?;
    let rows = sqlx::query!("SELECT id, total FROM orders WHERE user_id = $1", user_id)
        .fetch_all(&pool)
        .await?;
    Ok(Response::json(&rows))
}

# settings.yaml
server:
  port: 8080
  max_tokens: 4096
  timeout_ms: 1500
  api_key: ${API_KEY}
"#;

const SECRETS: &str = "\
export GITHUB_TOKEN=ghp_togHmHGLVwIiSyC24gWOJVSdJrj6GC44wzm1\n\
aws_access_key_id = AKIAI5R4ZCUMC3D23FFO\n\
Contact Greta Lindqvist at greta.lindqvist@posteo.de, card 4968 8719 3932 5243.\n";

fn mixed(target: usize) -> String {
    let mut text = String::with_capacity(target + 2048);
    let parts = [PROSE, CODE, PROSE, SECRETS];
    let mut i = 0;
    while text.len() < target {
        text.push_str(parts[i % parts.len()]);
        i += 1;
    }
    let mut end = target.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

fn bench(c: &mut Criterion) {
    let detector = Detector::new();
    let mut group = c.benchmark_group("detect");
    for size in [2_000usize, 32_000] {
        let text = mixed(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{size}_chars"), |b| {
            b.iter(|| detector.detect(black_box(&text)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
