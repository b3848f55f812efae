#!/usr/bin/env python3
"""Offline consistency checks of deploy/: what no schema validator knows about Baton.

Run by scripts/check-deploy (after hadolint and `kubernetes-validate --strict`, which check
the Dockerfile's practice and the core Kubernetes kinds against their schemas). This script
checks, and exits 1 listing every problem:

- Kubernetes: the KEDA ScaledObject (one rabbitmq trigger over the management API, a regex
  that matches exactly the partition queues of BATON_PARTITIONS and the memory queue, sum,
  at most P replicas), TriggerAuthentication and its Secret; probes on /healthz and /readyz;
  grace periods; non-root pods; a PodDisruptionBudget per Deployment; the ingress HPA; the
  NetworkPolicies; every ConfigMap/Secret key a variable the README documents; the
  kustomization listing every manifest.
- Compose: the services of the full stack, three workers, the files it mounts, the scrape
  targets and the collector endpoint, the RabbitMQ credentials against the definitions.
- RabbitMQ definitions: the committed files are the generator's output (3.10+ and 4.x).
- Dockerfile: numeric non-root user, HEALTHCHECKs through the `healthcheck` subcommand,
  version and revision labels, a trixie builder with a Debian 13 distroless runtime.

Needs PyYAML (installed with kubernetes-validate).
"""

import base64
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
problems = []


def problem(where, text):
    problems.append(f"{where}: {text}")


def load_all(path):
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def documented_variables():
    """Every `NAME` in the first cell of the README's configuration tables."""
    names = set()
    for line in (ROOT / "README.md").read_text().splitlines():
        if line.startswith("| `"):
            first = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]+)`", first))
    return names


def seconds(text):
    m = re.fullmatch(r"(\d+)(ms|s|m|h)", str(text).strip())
    if not m:
        return None
    return int(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[m.group(2)]


# --- Kubernetes -----------------------------------------------------------------------

def k8s_objects():
    objs = []
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for d in load_all(path):
            objs.append((path.name, d))
    return objs


def find(objs, kind, name=None):
    return [d for _, d in objs if d.get("kind") == kind
            and (name is None or d["metadata"]["name"] == name)]


def queue_names(ns, partitions):
    """Baton's queues (shared/src/topology.rs) and names a sloppy regex would catch."""
    ours = [f"{ns}.p.{p}" for p in range(partitions)] + [f"{ns}.memory"]
    others = [f"{ns}.p.{partitions}", f"{ns}.p.{partitions + 10}", f"x{ns}.p.1",
              f"{ns}.p.1.x", f"{ns}.p.01", f"{ns}.memory.retry.0", f"{ns}.retry.0",
              f"{ns}.dlq", f"{ns}.unparsed", f"{ns}.events", f"{ns}xp.1", f"other.p.1"]
    return ours, others


def check_scaled_object(objs, config):
    sos = find(objs, "ScaledObject")
    if len(sos) != 1:
        return problem("keda.yaml", f"expected one ScaledObject, found {len(sos)}")
    so = sos[0]
    spec = so.get("spec", {})
    where = "ScaledObject " + so["metadata"]["name"]
    if so.get("apiVersion") != "keda.sh/v1alpha1":
        problem(where, "apiVersion must be keda.sh/v1alpha1")
    target = spec.get("scaleTargetRef", {}).get("name")
    if not find(objs, "Deployment", target):
        problem(where, f"scaleTargetRef {target!r} is not a Deployment here")
    partitions = int(config.get("BATON_PARTITIONS", "16"))
    ns = config.get("BATON_NAMESPACE", "baton")
    if not 1 <= spec.get("minReplicaCount", 0):
        problem(where, "minReplicaCount must be at least 1")
    if not spec.get("maxReplicaCount", 10**9) <= partitions:
        problem(where, f"maxReplicaCount {spec.get('maxReplicaCount')} > P={partitions}: "
                       "workers beyond P do no partition work")
    triggers = spec.get("triggers", [])
    if len(triggers) != 1:
        return problem(where, f"one trigger expected (several are maxed, not summed), "
                              f"found {len(triggers)}")
    t = triggers[0]
    md = t.get("metadata", {})
    if t.get("type") != "rabbitmq":
        problem(where, "trigger type must be rabbitmq")
    for k, v in md.items():
        if not isinstance(v, str):
            problem(where, f"metadata.{k} must be a string (is {type(v).__name__})")
    expect = {"protocol": "http", "useRegex": "true", "operation": "sum", "mode": "QueueLength"}
    for k, v in expect.items():
        if md.get(k) != v:
            problem(where, f"metadata.{k} must be {v!r} (is {md.get(k)!r})")
    if "excludeUnacknowledged" in md and md["excludeUnacknowledged"] != "false":
        problem(where, "excludeUnacknowledged would hide running turns")
    if not re.fullmatch(r"\d+(\.\d+)?", str(md.get("value", ""))):
        problem(where, "metadata.value must be a number in a string")
    regex = md.get("queueName", "")
    if not (regex.startswith("^") and regex.endswith("$")):
        problem(where, f"queueName regex {regex!r} must be anchored with ^ and $")
    try:
        # RabbitMQ: re:run(Name, Regex, [caseless]), unanchored.
        rx = re.compile(regex, re.IGNORECASE)
        ours, others = queue_names(ns, partitions)
        missed = [q for q in ours if not rx.search(q)]
        caught = [q for q in others if rx.search(q)]
        if missed:
            problem(where, f"queueName misses {missed}")
        if caught:
            problem(where, f"queueName also matches {caught}")
    except re.error as e:
        problem(where, f"queueName is not a regex: {e}")
    auth = t.get("authenticationRef", {}).get("name")
    tas = find(objs, "TriggerAuthentication", auth)
    if not tas:
        return problem(where, f"authenticationRef {auth!r} not found")
    refs = {r["parameter"]: r for r in tas[0]["spec"].get("secretTargetRef", [])}
    if "host" not in refs:
        problem("TriggerAuthentication", "no host parameter")
    for param, ref in refs.items():
        secrets = find(objs, "Secret", ref["name"])
        if not secrets or ref["key"] not in secrets[0].get("stringData", {}):
            problem("TriggerAuthentication", f"{param}: Secret {ref['name']}/{ref['key']} missing")
        elif param == "host":
            host = secrets[0]["stringData"][ref["key"]]
            if not re.match(r"https?://[^/]+:\d+/\S+", host):
                problem("KEDA Secret", f"host {host!r} must be the management API URL with "
                                       "the vhost as last path segment")


def container(dep):
    return dep["spec"]["template"]["spec"]["containers"][0]


def check_deployments(objs, config):
    shutdown = seconds(config.get("WORKER_SHUTDOWN_TIMEOUT", "30s")) or 30
    for dep in find(objs, "Deployment"):
        name = dep["metadata"]["name"]
        pod = dep["spec"]["template"]["spec"]
        labels = dep["spec"]["template"]["metadata"]["labels"]
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if grace < 60:
            problem(name, f"terminationGracePeriodSeconds {grace} < 60")
        if name.endswith("worker") and grace < shutdown + 15:
            problem(name, f"grace {grace}s leaves no margin over WORKER_SHUTDOWN_TIMEOUT "
                          f"{shutdown}s")
        sc = pod.get("securityContext", {})
        if sc.get("runAsNonRoot") is not True or sc.get("runAsUser") != 65532:
            problem(name, "pod must run as non-root user 65532 (the image's USER)")
        c = container(dep)
        ports = {p["name"] for p in c.get("ports", [])}
        for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
            get = c.get(probe, {}).get("httpGet", {})
            if get.get("path") != path or get.get("port") not in ports:
                problem(name, f"{probe} must GET {path} on a named container port")
        refs = [next(iter(e.values()))["name"] for e in c.get("envFrom", [])]
        for ref in refs:
            if not (find(objs, "ConfigMap", ref) or find(objs, "Secret", ref)):
                problem(name, f"envFrom {ref} not found")
        if "replicas" in dep["spec"]:
            problem(name, "replicas is owned by the autoscaler; leave it out")
        pdbs = [p for p in find(objs, "PodDisruptionBudget")
                if all(labels.get(k) == v for k, v in
                       p["spec"]["selector"]["matchLabels"].items())]
        if not pdbs:
            problem(name, "no PodDisruptionBudget selects its pods")
    hpas = [h for h in find(objs, "HorizontalPodAutoscaler")
            if h["spec"]["scaleTargetRef"]["name"] == "baton-ingress"]
    if not hpas or not any(m.get("resource", {}).get("name") == "cpu"
                           for m in hpas[0]["spec"].get("metrics", [])):
        problem("ingress", "no HPA on CPU")
    svcs = find(objs, "Service", "baton-ingress")
    if not svcs:
        problem("ingress", "no Service")
    policies = find(objs, "NetworkPolicy")
    if not any(p["spec"].get("podSelector") == {} and
               set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
               for p in policies):
        problem("networkpolicy.yaml", "no default-deny policy for the namespace")
    for dep in find(objs, "Deployment"):
        labels = dep["spec"]["template"]["metadata"]["labels"]
        if not any(p["spec"].get("podSelector", {}).get("matchLabels")
                   and all(labels.get(k) == v
                           for k, v in p["spec"]["podSelector"]["matchLabels"].items())
                   for p in policies):
            problem(dep["metadata"]["name"], "no NetworkPolicy allows its traffic")


def check_k8s():
    objs = k8s_objects()
    config = find(objs, "ConfigMap", "baton-config")
    config = config[0]["data"] if config else {}
    known = documented_variables()
    for kind in ("ConfigMap", "Secret"):
        for d in find(objs, kind):
            if d["metadata"]["name"] == "baton-keda-rabbitmq":
                continue
            data = d.get("data") or d.get("stringData") or {}
            for key in data:
                if key not in known:
                    problem(f"{kind} {d['metadata']['name']}", f"{key} is not a variable "
                                                               "the README documents")
    for name, d in objs:
        if d.get("metadata", {}).get("namespace", "baton") != "baton":
            problem(name, f"{d['kind']} outside the baton namespace")
    check_scaled_object(objs, config)
    check_deployments(objs, config)
    kust = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())
    listed = set(kust.get("resources", []))
    files = {p.name for p in (DEPLOY / "k8s").glob("*.yaml")} - {
        "kustomization.yaml", "secret.example.yaml"}
    if listed != files:
        problem("kustomization.yaml", f"resources {sorted(listed)} != manifests {sorted(files)}")


# --- Compose, definitions, Dockerfile ----------------------------------------------------

def definitions_users():
    defs = json.loads((DEPLOY / "rabbitmq" / "definitions.json").read_text())
    return defs, {u["name"]: u for u in defs.get("users", [])}


def hash_matches(user, password):
    raw = base64.b64decode(user["password_hash"])
    salt, digest = raw[:4], raw[4:]
    return hashlib.sha256(salt + password.encode()).digest() == digest


def check_compose():
    path = DEPLOY / "compose" / "compose.yaml"
    c = yaml.safe_load(path.read_text())
    services = c.get("services", {})
    want = {"rabbitmq", "redis", "ingress", "worker", "otel-collector", "jaeger",
            "prometheus", "grafana"}
    if set(services) != want:
        problem("compose.yaml", f"services {sorted(services)} != {sorted(want)}")
        return
    if services["worker"].get("deploy", {}).get("replicas") != 3:
        problem("compose.yaml", "three workers expected")
    if "management" not in services["rabbitmq"]["image"]:
        problem("compose.yaml", "RabbitMQ needs the management plugin (KEDA, operators)")
    stages = set(re.findall(r"(?im)^FROM\s+\S+\s+AS\s+(\S+)", (DEPLOY / "Dockerfile").read_text()))
    for name, svc in services.items():
        for vol in svc.get("volumes", []):
            src = vol.split(":")[0]
            if src.startswith(".") and not (path.parent / src).exists():
                problem(f"compose {name}", f"mounts missing {src}")
        build = svc.get("build")
        if build:
            if not (path.parent / build["context"] / build["dockerfile"]).exists():
                problem(f"compose {name}", "Dockerfile not found")
            if build.get("target") not in stages:
                problem(f"compose {name}", f"target {build.get('target')} is no Dockerfile stage")
    known = documented_variables()
    env = services["worker"]["environment"]
    for key in env:
        if key not in known:
            problem("compose worker", f"{key} is not a variable the README documents")
    grace = seconds(services["worker"].get("stop_grace_period", "10s"))
    shutdown = seconds(env.get("WORKER_SHUTDOWN_TIMEOUT", "30s"))
    if not grace or grace < 60 or grace <= shutdown:
        problem("compose worker", "stop_grace_period must be >= 60s and exceed "
                                  "WORKER_SHUTDOWN_TIMEOUT")
    redis_conf = (DEPLOY / "redis" / "redis.conf").read_text()
    if not re.search(r"(?m)^appendonly yes", redis_conf):
        problem("redis.conf", "AOF must be on")
    # Credentials and vhost of AMQP_URL exist in the definitions loaded at boot.
    m = re.fullmatch(r"amqp://([^:]+):([^@]+)@rabbitmq:5672/(\S+)", env["AMQP_URL"])
    defs, users = definitions_users()
    image = services["rabbitmq"]["image"]
    mounted = [v for v in services["rabbitmq"]["volumes"] if v.endswith("/definitions.json:ro")]
    flavour = "definitions.rabbitmq4.json" if re.search(r":4\.", image) else "definitions.json"
    if not mounted or f"/{flavour}:" not in mounted[0]:
        problem("compose rabbitmq", f"{image} must load {flavour}")
    if not m:
        problem("compose", f"AMQP_URL {env['AMQP_URL']} not understood")
    else:
        user, password, vhost = m.groups()
        if user not in users or not hash_matches(users[user], password):
            problem("compose", f"AMQP_URL user {user} not in definitions with that password")
        if vhost not in {v["name"] for v in defs["vhosts"]}:
            problem("compose", f"vhost {vhost} not in definitions")
    prom = yaml.safe_load((path.parent / "prometheus.yml").read_text())
    jobs = {j["job_name"]: j for j in prom["scrape_configs"]}
    ingress_port = services["ingress"]["environment"]["INGRESS_ADDR"].rsplit(":", 1)[1]
    worker_port = env["WORKER_ADMIN_ADDR"].rsplit(":", 1)[1]
    if jobs.get("baton-ingress", {}).get("static_configs", [{}])[0].get("targets") != [
            f"ingress:{ingress_port}"]:
        problem("prometheus.yml", "baton-ingress must scrape ingress:" + ingress_port)
    sd = jobs.get("baton-worker", {}).get("dns_sd_configs", [{}])[0]
    if sd.get("names") != ["worker"] or str(sd.get("port")) != worker_port:
        problem("prometheus.yml", "baton-worker must resolve every worker replica on " + worker_port)
    otel = yaml.safe_load((path.parent / "otel-collector.yaml").read_text())
    http = otel["receivers"]["otlp"]["protocols"]["http"]["endpoint"].rsplit(":", 1)[1]
    if env["OTEL_EXPORTER_OTLP_ENDPOINT"] != f"http://otel-collector:{http}":
        problem("compose", "OTEL_EXPORTER_OTLP_ENDPOINT does not reach the collector")
    if not otel["exporters"]["otlp/jaeger"]["endpoint"].startswith("jaeger:"):
        problem("otel-collector.yaml", "traces must go to jaeger")
    deps = yaml.safe_load((path.parent / "compose.test-deps.yaml").read_text())["services"]
    if set(deps) != {"rabbitmq", "redis"}:
        problem("compose.test-deps.yaml", "only RabbitMQ and Redis")
    provider = yaml.safe_load((DEPLOY / "grafana/provisioning/dashboards/baton.yaml").read_text())
    mounted = [v.split(":")[1] for v in services["grafana"]["volumes"] if "dashboards" in v
               and "provisioning" not in v]
    if provider["providers"][0]["options"]["path"] not in mounted:
        problem("grafana", "dashboard provider path is not where the dashboards are mounted")
    dash = json.loads((DEPLOY / "grafana/dashboards/baton.json").read_text())
    for p in dash["panels"]:
        if p["type"] != "row" and p.get("datasource", {}).get("uid") != "${datasource}":
            problem("dashboard", f"panel {p['title']!r} must use the datasource variable")


def check_definitions():
    for name, args in (("definitions.json", []),
                       ("definitions.rabbitmq4.json", ["--rabbitmq-major", "4"])):
        out = subprocess.run([sys.executable, str(DEPLOY / "rabbitmq" / "gen-definitions.py"),
                              *args], capture_output=True, text=True, check=True,
                             env={"PATH": "/usr/bin:/bin"})
        committed = (DEPLOY / "rabbitmq" / name).read_text()
        if out.stdout != committed:
            problem(name, f"differs from gen-definitions.py {' '.join(args)} (regenerate it)")
    _, users = definitions_users()
    if "monitoring" not in users.get("baton-monitor", {}).get("tags", []):
        problem("definitions.json", "the KEDA/Prometheus user needs the monitoring tag")


def check_dockerfile():
    text = (DEPLOY / "Dockerfile").read_text()
    if not re.search(r"(?m)^USER 65532:65532$", text):
        problem("Dockerfile", "USER must be numeric 65532:65532")
    for binary in ("ingress", "worker"):
        stage = re.search(rf"(?ms)^FROM \S+ AS {binary}$(.*?)(?=^FROM |\Z)", text)
        if not stage:
            problem("Dockerfile", f"no {binary} target")
            continue
        body = stage.group(1)
        if f'CMD ["/usr/local/bin/{binary}", "healthcheck"]' not in body:
            problem("Dockerfile", f"{binary}: HEALTHCHECK must run `{binary} healthcheck`")
        if f'ENTRYPOINT ["/usr/local/bin/{binary}"]' not in body:
            problem("Dockerfile", f"{binary}: exec-form ENTRYPOINT expected")
    for label in ("org.opencontainers.image.version", "org.opencontainers.image.revision"):
        if label not in text:
            problem("Dockerfile", f"label {label} missing")
    if "-trixie" not in text or "distroless/cc-debian13" not in text:
        problem("Dockerfile", "builder (trixie) and runtime (cc-debian13) must share glibc")


def main():
    check_k8s()
    check_compose()
    check_definitions()
    check_dockerfile()
    for p in problems:
        print("deploy check:", p, file=sys.stderr)
    if problems:
        sys.exit(1)
    print("deploy checks: k8s, KEDA, compose, definitions, Dockerfile consistent")


if __name__ == "__main__":
    main()
