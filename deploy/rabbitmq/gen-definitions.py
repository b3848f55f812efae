#!/usr/bin/env python3
"""Generates RabbitMQ definitions (vhost, users, permissions, exchanges, queues, bindings,
policies) for Baton's topology, to be loaded at boot (`definitions.local.path`) or with
`rabbitmqctl import_definitions`.

The queues carry exactly the arguments Baton declares at start (shared/src/topology.rs):
Baton re-declares them and RabbitMQ refuses a declaration whose arguments differ
(PRECONDITION_FAILED), so the arguments here must match the code — `scripts/check-deploy`
imports this output into a scratch vhost of the local broker and lets the worker declare its
topology on top of it. Quorum type and single-active-consumer can only be arguments; the
delivery limit, dead-lettering and overflow are arguments too because the code sets them.
Policies carry what the code does not set: a bound on partition length, and for RabbitMQ 4
(`--rabbitmq-major 4`) no delivery limit on the queues operators read with basic.get.

A definitions file replaces the broker's default user and vhost on a blank node: the users
below are the only ones. Without the RABBITMQ_*_PASSWORD variables the development passwords
are used with a fixed salt (the committed deploy/rabbitmq/definitions.json); set them for
anything else.

    deploy/rabbitmq/gen-definitions.py > definitions.json
    deploy/rabbitmq/gen-definitions.py --partitions 32 --vhost baton --namespace baton
"""

import argparse
import base64
import hashlib
import json
import os
import re
import sys

DEV_PASSWORDS = {
    "baton": ("RABBITMQ_BATON_PASSWORD", "baton-dev"),
    "baton-monitor": ("RABBITMQ_MONITOR_PASSWORD", "monitor-dev"),
    "baton-admin": ("RABBITMQ_ADMIN_PASSWORD", "admin-dev"),
}


def duration_ms(text):
    """`10s`, `1m`, `500ms`, `1h` -> milliseconds (the tiers of BATON_RETRY_TIERS)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)\s*", text)
    if not m:
        raise SystemExit(f"bad duration {text!r}: use e.g. 500ms, 10s, 1m, 1h")
    factor = {"ms": 1, "s": 1000, "m": 60_000, "min": 60_000, "h": 3_600_000}[m.group(2)]
    return int(float(m.group(1)) * factor)


def password_hash(user, password, fixed_salt):
    """rabbit_password_hashing_sha256: base64(salt + sha256(salt + password))."""
    salt = hashlib.sha256(user.encode()).digest()[:4] if fixed_salt else os.urandom(4)
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def users(with_users):
    if not with_users:
        return []
    tags = {"baton": [], "baton-monitor": ["monitoring"], "baton-admin": ["administrator"]}
    out = []
    for name, (var, dev) in DEV_PASSWORDS.items():
        password = os.environ.get(var) or dev
        out.append({
            "name": name,
            "password_hash": password_hash(name, password, fixed_salt=password == dev),
            "hashing_algorithm": "rabbit_password_hashing_sha256",
            "tags": tags[name],
            "limits": {},
        })
    return out


def permissions(vhost, ns, with_users):
    if not with_users:
        return []
    own = "^" + re.escape(ns) + r"\."
    return [
        # The app declares, publishes and consumes its own names, and publishes to the
        # default exchange (unparsed bodies, memory writes, Slack syncs and their retry tiers).
        {"user": "baton", "vhost": vhost, "configure": own,
         "write": "^(" + re.escape(ns) + r"\..*|amq\.default)$", "read": own},
        {"user": "baton-admin", "vhost": vhost, "configure": ".*", "write": ".*", "read": ".*"},
    ]


def quorum(extra=None):
    args = {"x-queue-type": "quorum"}
    args.update(extra or {})
    return args


def durable(vhost, name, args):
    return {"name": name, "vhost": vhost, "durable": True, "auto_delete": False,
            "arguments": args}


def exchange(vhost, name, kind):
    return {"name": name, "vhost": vhost, "type": kind, "durable": True,
            "auto_delete": False, "internal": False, "arguments": {}}


def binding(vhost, source, queue, key):
    return {"source": source, "vhost": vhost, "destination": queue,
            "destination_type": "queue", "routing_key": key, "arguments": {}}


def topology(vhost, ns, partitions, tiers_ms, limit):
    events, dlx, dlq = f"{ns}.events", f"{ns}.dlx", f"{ns}.dlq"
    memory = f"{ns}.memory"
    at_least_once = {"x-dead-letter-strategy": "at-least-once", "x-overflow": "reject-publish"}
    exchanges = [exchange(vhost, events, "direct"), exchange(vhost, dlx, "fanout")]
    queues = [durable(vhost, dlq, quorum()), durable(vhost, f"{ns}.unparsed", quorum())]
    bindings = [binding(vhost, dlx, dlq, "")]
    for p in range(partitions):
        q = f"{ns}.p.{p}"
        queues.append(durable(vhost, q, quorum({
            "x-single-active-consumer": True,
            "x-delivery-limit": limit,
            "x-dead-letter-exchange": dlx,
            **at_least_once,
        })))
        bindings.append(binding(vhost, events, q, f"p.{p}"))
    for t, ttl in enumerate(tiers_ms):
        name = f"{ns}.retry.{t}"
        exchanges.append(exchange(vhost, name, "fanout"))
        queues.append(durable(vhost, name, quorum({
            "x-message-ttl": ttl, "x-dead-letter-exchange": events, **at_least_once})))
        bindings.append(binding(vhost, name, name, ""))
    queues.append(durable(vhost, memory, quorum({
        "x-delivery-limit": limit, "x-dead-letter-exchange": dlx, **at_least_once})))
    for t, ttl in enumerate(tiers_ms):
        queues.append(durable(vhost, f"{ns}.memory.retry.{t}", quorum({
            "x-message-ttl": ttl, "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": memory, **at_least_once})))
    # Slack syncs: one active consumer across all workers (posts go out one at a time).
    slack = f"{ns}.slack"
    queues.append(durable(vhost, slack, quorum({
        "x-single-active-consumer": True,
        "x-delivery-limit": limit, "x-dead-letter-exchange": dlx, **at_least_once})))
    for t, ttl in enumerate(tiers_ms):
        queues.append(durable(vhost, f"{ns}.slack.retry.{t}", quorum({
            "x-message-ttl": ttl, "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": slack, **at_least_once})))
    return exchanges, queues, bindings


def partition_regex(ns, partitions):
    """An anchored regex for the partition queues {ns}.p.0 … {ns}.p.<P-1>."""
    return "^" + re.escape(ns) + r"\.p\.(" + "|".join(str(p) for p in range(partitions)) + ")$"


def policies(vhost, ns, partitions, max_length, major):
    out = []
    if major >= 4:
        # RabbitMQ 4 gives every quorum queue a delivery limit of 20 and drops (no DLX) what
        # passes it. The DLQ and the unparsed queue are read with basic.get and returned by
        # closing the channel (`worker dlq list`), so they get no limit. 3.10 refuses -1.
        out.append({
            "vhost": vhost,
            "name": f"{ns}-inspected-unlimited",
            "pattern": "^" + re.escape(ns) + r"\.(dlq|unparsed)$",
            "apply-to": "queues",
            "priority": 10,
            "definition": {"delivery-limit": -1},
        })
    return out + [{
        "vhost": vhost,
        "name": f"{ns}-partitions-bound",
        "pattern": partition_regex(ns, partitions),
        # `queues`, not `quorum_queues`: the latter is unknown before RabbitMQ 3.12.
        "apply-to": "queues",
        "priority": 10,
        # With the reject-publish overflow Baton declares, a full partition nacks ingress's
        # publish: Meta gets a 503 and retries, nothing is dropped.
        "definition": {"max-length": max_length},
    }]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vhost", default="baton")
    ap.add_argument("--namespace", default="baton", help="BATON_NAMESPACE")
    ap.add_argument("--partitions", type=int, default=16, help="BATON_PARTITIONS")
    ap.add_argument("--retry-tiers", default="10s,1m,10m,1h", help="BATON_RETRY_TIERS")
    ap.add_argument("--delivery-limit", type=int, default=10, help="BATON_DELIVERY_LIMIT")
    ap.add_argument("--max-length", type=int, default=500_000,
                    help="messages a partition queue may hold before ingress gets 503s")
    ap.add_argument("--rabbitmq-major", type=int, default=3, choices=[3, 4],
                    help="4: add the policies RabbitMQ 4 needs (see the README)")
    ap.add_argument("--no-users", action="store_true",
                    help="no users or permissions (to import into a broker that has them)")
    a = ap.parse_args()
    tiers = [duration_ms(t) for t in a.retry_tiers.split(",") if t.strip()]
    exchanges, queues, bindings = topology(a.vhost, a.namespace, a.partitions, tiers,
                                           a.delivery_limit)
    defs = {
        "rabbit_version": "3.10.8",
        "rabbitmq_version": "3.10.8",
        "users": users(not a.no_users),
        "vhosts": [{"name": a.vhost, "limits": [], "metadata": {
            "description": "Baton", "tags": []}}],
        "permissions": permissions(a.vhost, a.namespace, not a.no_users),
        "topic_permissions": [],
        "parameters": [],
        "global_parameters": [],
        "policies": policies(a.vhost, a.namespace, a.partitions, a.max_length,
                             a.rabbitmq_major),
        "queues": queues,
        "exchanges": exchanges,
        "bindings": bindings,
    }
    json.dump(defs, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
