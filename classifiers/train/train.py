"""Trains the three linear heads on the corpus, exports the ONNX model of FEATURES.md §7 and
writes the model card.

Split: fold 0 of generate.py's template folds is the validation set (20%, stratified by
corpus, language and label; no template or filler value crosses it). Within the training folds
1-4, C is chosen and a Platt scaling is fitted on out-of-fold predictions (leave-one-fold-out),
so the validation set is untouched until the final report. The default thresholds are then chosen
on the validation set, as the model card states.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import scipy.sparse as sp
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

import features as F
from redact import REDACT_CONFIDENCE

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MODEL_PATH = ROOT / "models" / "strata-classifier-v2.onnx"
CARD_PATH = ROOT / "models" / "README.md"
# The written sets (eval/<name>.jsonl): 240 prompts each, 24 per language, half private, written
# one by one by writers who saw neither the corpus, the other sets nor the model. The first
# twenty were each read as held-out sets in turn, then chose detector work and help choose T: they are
# training rows of the privacy head now (WRITTEN_WEIGHT each), and every figure reported on one
# of them comes from a model trained without it (out-of-set). The held-out sets are never trained
# on and are scored by the exported model.
WRITTEN_SETS = ["holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7",
                "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13",
                "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19",
                "holdout20"]
HELD_OUT_SETS = ["holdout21"]
# The privacy threshold must also keep recall on these written sets' out-of-set scores. The first
# set is left out: many of its private prompts hold numbers whose check digits fail with no ID's
# name beside them, which no detector reports and no threshold short of flagging everything
# recovers.
DEV_SETS = WRITTEN_SETS[1:]
# Written prompts are worded as people write and are as close to real traffic as the project has:
# each weighs as much as a hand-written seed row.
WRITTEN_WEIGHT = 12.0
OUT = HERE / "out"

SEED = 20240611
VALIDATION_FOLD = 0
C_GRID = [4.0, 16.0, 64.0]
HEADS = ["p_community_or_cloud", "p_cloud", "p_private"]
FOLD_RE = re.compile(r"-f(\d)-\d+$")

# The privacy decision is `private = (any detector finding with confidence >= FINDING_CONFIDENCE)
# or (p_private >= t_p)`. The privacy head is trained for the prompts the detectors leave: private
# rows with a finding at or above FINDING_CONFIDENCE get weight DETECTED_WEIGHT, and its log loss
# and Platt scaling are computed on rows without such a finding. corpus/privacy_redacted.jsonl is
# redacted at the same confidence.
FINDING_CONFIDENCE = REDACT_CONFIDENCE
DETECTED_WEIGHT = 0.0
PRIVACY_RECALL_TARGET = 0.99
# On the development sets the detectors have been taught most of what they hold: at their first
# looks they found 79-87% of those sets' private prompts, now 91-94%. A set nobody has read leaves
# the model a larger and harder share, so T is not set by the combined recall there but by the
# model's own recall on the private prompts the detectors leave: this share of them, pooled.
DEV_MODEL_RECALL = 0.97
# Finding kinds whose prompts the privacy head still learns from: these detectors read a
# diagnosis, a record, a dismissal or a debt only where they also read a name, and most of the
# ways people write about a named person's health or troubles they cannot read, so the model
# keeps the concept rather than hand it over.
STILL_LEARNED = {"health", "criminal_record", "disciplinary", "debt"}
# The difficulty corpus' prompts are ordinary requests with no personal data: its training rows
# are also public examples for the privacy head (those with any finding at or above this
# confidence are left out), and its validation rows measure how much ordinary traffic the privacy
# rule keeps on the edge.
ORDINARY_MAX_FINDING = 0.5
# The privacy head's multiple-instance training (FEATURES.md §6): rounds of witness selection
# and the regularisation, which the single-text head chose by cross-validation.
MIL_ROUNDS = 6
MIL_C = 16.0
CONFIDENCE_GRID = [0.5, 0.6, 0.7, 0.8, 0.9]
# The hand-written privacy prompts (seeds/handwritten.jsonl, ids `prv-<lang>-<label>h-…`) are
# worded as people write, not as templates: each weighs as much as this many template rows in the
# privacy head. Their redacted copies (`…hr-…`) weigh 1: they are labelled private because free
# wording lists no values that would show redaction removed them all, a guess that, weighted
# up, taught the model that placeholders are private.
HANDWRITTEN_WEIGHT = 12.0
HANDWRITTEN_RE = re.compile(r"^prv-[a-z]+-\dhr?-")
HANDWRITTEN_ORIGINAL_RE = re.compile(r"^prv-[a-z]+-\dh-")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# data


def load(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    for r in rows:
        r["fold"] = int(FOLD_RE.search(r["id"]).group(1))
        r["group"] = FOLD_RE.sub("", r["id"])
    return rows


# Short user turns that follow a system prompt in ordinary traffic.
GREETINGS = ["", "\nhi", "\nhello", "\nthanks!"]


def bare_instructions():
    """The corpus' system and style prompts on their own or before a greeting: as written,
    lower-cased, and without their closing punctuation."""
    from seeds.compose import STYLE_PROMPTS, SYSTEM_PROMPTS

    out = set()
    for pool in (SYSTEM_PROMPTS, STYLE_PROMPTS):
        for prompts in pool.values():
            for p in prompts:
                for variant in (p, p.lower(), p.rstrip(".。।!"), p.lower().rstrip(".。।!")):
                    out.update(variant + g for g in GREETINGS)
    return sorted(out)


def featurize_windows(texts):
    """The windows (FEATURES.md §6) of every text as rows of one matrix, and for each window
    the index of the text it comes from."""
    windows, owner = [], []
    for i, t in enumerate(texts):
        t = F.truncate(t)
        for s, e in F.window_spans(t):
            windows.append(t[s:e])
            owner.append(i)
    return featurize(windows), np.array(owner, dtype=np.int64)


def featurize(texts):
    if not texts:
        return sp.csr_matrix((0, F.D + F.K))
    indptr = [0]
    indices = []
    values = []
    dense = np.zeros((len(texts), F.K), dtype=np.float32)
    for i, t in enumerate(texts):
        idx, val, d = F.features(t)
        indices.append(idx)
        values.append(val)
        indptr.append(indptr[-1] + len(idx))
        dense[i] = d
    # Training sees exactly the float32 values the runtime passes.
    sparse = sp.csr_matrix(
        (np.concatenate(values).astype(np.float64), np.concatenate(indices), np.array(indptr)),
        shape=(len(texts), F.D),
    )
    return sp.hstack([sparse, sp.csr_matrix(dense.astype(np.float64))], format="csr")


# ---------------------------------------------------------------------------------------------
# model


def fit(X, y, C, weight=None):
    # liblinear penalises the intercept; a large intercept_scaling makes that penalty negligible.
    clf = LogisticRegression(
        C=C, solver="liblinear", intercept_scaling=10.0, max_iter=2000, tol=1e-6, random_state=SEED
    )
    clf.fit(X, y, sample_weight=weight)
    return clf


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def log_loss(y, p):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def platt(z, y):
    """(a, c) minimising the log loss of sigmoid(a z + c): Newton's method on two parameters,
    started at the identity so an already calibrated head stays as it is."""
    a, c = 1.0, 0.0
    for _ in range(100):
        p = sigmoid(a * z + c)
        g = np.array([np.sum((p - y) * z), np.sum(p - y)])
        w = p * (1 - p)
        h = np.array([[np.sum(w * z * z), np.sum(w * z)], [np.sum(w * z), np.sum(w)]]) + 1e-9 * np.eye(2)
        step = np.linalg.solve(h, g)
        a, c = a - step[0], c - step[1]
        if np.max(np.abs(step)) < 1e-10:
            break
    return float(a), float(c)


def train_head(name, X, y, folds, weight=None, scored=None):
    """Choose C by leave-one-fold-out log loss over the training folds, fit Platt on those
    out-of-fold scores, refit on all training folds. Returns (w, b, a, c, report).

    `weight` (default 1) weighs the training rows; `scored` (default all) marks the rows the
    score is meant for, on which the log loss and the Platt scaling are computed."""
    train_folds = sorted(set(folds.tolist()))
    weight = np.ones(len(y)) if weight is None else weight
    scored = np.ones(len(y), dtype=bool) if scored is None else scored
    best = None
    for C in C_GRID:
        oof = np.zeros(len(y))
        for f in train_folds:
            tr, te = folds != f, folds == f
            oof[te] = fit(X[tr], y[tr], C, weight[tr]).decision_function(X[te])
        loss = log_loss(y[scored], sigmoid(oof[scored]))
        log(f"  {name}: C={C:g} out-of-fold log loss {loss:.4f}")
        if best is None or loss < best[1] - 1e-9:
            best = (C, loss, oof)
    C, raw_loss, oof = best
    a, c = platt(oof[scored], y[scored])
    cal_loss = log_loss(y[scored], sigmoid(a * oof[scored] + c))
    log(f"  {name}: chose C={C:g}; Platt a={a:.4f} c={c:.4f}; out-of-fold log loss {raw_loss:.4f} -> {cal_loss:.4f}")
    clf = fit(X, y, C, weight)
    w = clf.coef_[0].astype(np.float64)
    b = float(clf.intercept_[0])
    report = {"C": C, "platt_a": a, "platt_c": c, "oof_log_loss_raw": raw_loss, "oof_log_loss_calibrated": cal_loss,
              "oof_probs": sigmoid(a * oof + c)}
    return clf, w, b, a, c, report


def bag_max(z, owner, n):
    out = np.full(n, -np.inf)
    np.maximum.at(out, owner, z)
    return out


def train_bag_head(name, X, Xw, owner, y, folds, weight, scored, C=MIL_C, rounds=MIL_ROUNDS):
    """The privacy head scores a prompt by its most private row: the whole text or one of its
    windows. Multiple-instance training: a public prompt's rows are all public; a private
    prompt's witness is its highest-scoring row under the previous round's model (the whole
    text in the first round). Platt scaling is fitted on out-of-fold bag scores, so it applies
    to the maximum. Returns (w, b, a, c, report) like `train_head`, plus the bag scorer and
    `refit(keep)`: the bag scorer of a model fitted the same way (the final witnesses, C, and
    calibration) on the bags in `keep` only."""
    n = len(y)
    inst = sp.vstack([X, Xw], format="csr")
    bag = np.concatenate([np.arange(n), owner])
    yi, wi, fi = y[bag], weight[bag], folds[bag]
    sel = bag == np.arange(len(bag))  # whole texts only
    for r in range(rounds):
        clf = fit(inst[sel], yi[sel], C, wi[sel])
        z = clf.decision_function(inst)
        zb = bag_max(z, bag, n)
        loss = log_loss(y[scored], sigmoid(zb[scored]))
        witness = np.zeros(len(bag), dtype=bool)
        # The first row reaching the bag's maximum, so ties resolve the same way every run.
        order = np.lexsort((np.arange(len(bag)), -z, bag))
        first = np.ones(len(order), dtype=bool)
        first[1:] = bag[order][1:] != bag[order][:-1]
        witness[order[first]] = True
        changed = int(np.sum(witness[yi == 1] != sel[yi == 1]))
        sel = np.where(yi == 1, witness, True)
        log(f"  {name}: round {r + 1}/{rounds}: training log loss of the bag maximum {loss:.4f}, "
            f"{changed} witnesses moved, {int(sel.sum()):,} rows")
    clf = fit(inst[sel], yi[sel], C, wi[sel])
    oof = np.zeros(n)
    for f in sorted(set(folds.tolist())):
        held = folds == f
        rows = sel & (fi != f)
        zf = fit(inst[rows], yi[rows], C, wi[rows]).decision_function(inst)
        oof[held] = bag_max(zf, bag, n)[held]
    raw_loss = log_loss(y[scored], sigmoid(oof[scored]))
    a, c = platt(oof[scored], y[scored])
    if a <= 0:
        raise SystemExit(f"{name}: Platt slope {a} is not positive; the bag maximum would not survive it")
    cal_loss = log_loss(y[scored], sigmoid(a * oof[scored] + c))
    log(f"  {name}: C={C:g}; Platt a={a:.4f} c={c:.4f}; out-of-fold log loss {raw_loss:.4f} -> {cal_loss:.4f}")

    def scorer(model):
        def score(Xa, Xwa, owner_a):
            za = model.decision_function(Xa)
            if Xwa.shape[0]:
                za = np.concatenate([za, model.decision_function(Xwa)])
            return sigmoid(a * bag_max(za, np.concatenate([np.arange(Xa.shape[0]), owner_a]), Xa.shape[0]) + c)
        return score

    def refit(keep):
        rows = sel & keep[bag]
        return scorer(fit(inst[rows], yi[rows], C, wi[rows]))

    report = {"C": C, "rounds": rounds, "window_rows": int(Xw.shape[0]), "platt_a": a, "platt_c": c,
              "oof_log_loss_raw": raw_loss, "oof_log_loss_calibrated": cal_loss, "oof_probs": sigmoid(a * oof + c)}
    return clf, clf.coef_[0].astype(np.float64), float(clf.intercept_[0]), a, c, report, scorer(clf), refit


# ---------------------------------------------------------------------------------------------
# metrics


def ece(y, p, bins=10):
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1], right=False), 0, bins - 1)
    total = 0.0
    for k in range(bins):
        m = which == k
        if m.any():
            total += m.sum() / len(p) * abs(p[m].mean() - y[m].mean())
    return float(total)


def tiers(p0, p1, t1, t2):
    return np.where(p0 < t1, 0, np.where(p1 >= t2, 2, 1))


def confusion(y, pred, k):
    m = np.zeros((k, k), dtype=int)
    for a, b in zip(y, pred):
        m[a, b] += 1
    return m


def balanced_accuracy(m):
    return float(np.mean([m[i, i] / m[i].sum() for i in range(len(m)) if m[i].sum() > 0]))


def choose_tier_thresholds(y, p0, p1):
    grid = np.round(np.arange(0.2, 0.81, 0.05), 2)
    best = None
    for t1 in grid:
        for t2 in grid:
            score = balanced_accuracy(confusion(y, tiers(p0, p1, t1, t2), 3))
            # prefer thresholds near 0.5 among equals, so the defaults stay unsurprising
            key = (round(score, 6), -abs(t1 - 0.5) - abs(t2 - 0.5))
            if best is None or key > best[0]:
                best = (key, float(t1), float(t2))
    return best[1], best[2]


def choose_privacy_threshold(y, p, detected, target=PRIVACY_RECALL_TARGET):
    """The highest threshold (floored to 0.001) at which `detected | (p >= t)` keeps recall >= target."""
    candidates = np.unique(np.round(p[(y == 1) & ~detected], 6))
    for t in sorted(candidates, reverse=True):
        t = float(np.floor(t * 1000) / 1000)
        recall = float(np.mean((detected | (p >= t))[y == 1]))
        if recall >= target:
            return t
    return 0.0


def choose_model_threshold(y, p, detected, target=DEV_MODEL_RECALL):
    """The highest threshold (floored to 0.001) at which `p >= t` alone catches at least `target`
    of the private rows without a detector finding."""
    left = np.sort(p[(y == 1) & ~detected])[::-1]
    if len(left) == 0:
        return 1.0
    k = int(np.ceil(target * len(left) - 1e-9)) - 1
    return float(np.floor(left[k] * 1000) / 1000)


def decision_rates(y, pred):
    mat = confusion(y, pred.astype(int), 2)
    return {
        "matrix": mat.tolist(),
        "recall": float(mat[1, 1] / mat[1].sum()) if mat[1].sum() else float("nan"),
        "fpr": float(mat[0, 1] / mat[0].sum()) if mat[0].sum() else float("nan"),
    }


def load_findings(paths, rows, ignore=()):
    """Highest detector confidence per row (0 without findings), from findings_jsonl output,
    leaving out findings of the kinds in `ignore`."""
    best = {}
    for path in paths:
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            best[d["id"]] = max((f["confidence"] for f in d["findings"] if f["kind"] not in ignore), default=0.0)
    missing = [r["id"] for r in rows if r["id"] not in best]
    if missing:
        raise SystemExit(f"no findings for {len(missing)} rows (e.g. {missing[0]}); rerun run.sh")
    return np.array([best[r["id"]] for r in rows])


# ---------------------------------------------------------------------------------------------
# ONNX


def export_onnx(W, V, b, path, metadata):
    inits = [
        numpy_helper.from_array(W.astype(np.float32), "W"),
        numpy_helper.from_array(V.astype(np.float32), "V"),
        numpy_helper.from_array(b.astype(np.float32), "b"),
        numpy_helper.from_array(np.array([0], dtype=np.int64), "zero"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "two"),
        numpy_helper.from_array(np.array([3], dtype=np.int64), "three"),
    ]
    nodes = [
        # every row's logits: [R, N] x [N, 3], plus the dense part and the bias
        helper.make_node("Gather", ["W", "idx"], ["columns"], axis=0),
        helper.make_node("MatMul", ["val", "columns"], ["sparse_logits"]),
        helper.make_node("MatMul", ["dense", "V"], ["dense_logits"]),
        helper.make_node("Add", ["sparse_logits", "dense_logits"], ["partial_logits"]),
        helper.make_node("Add", ["partial_logits", "b"], ["logits"]),
        # difficulty from row 0 (the whole text), privacy from the most private row
        helper.make_node("Slice", ["logits", "zero", "one", "zero"], ["first_row"]),
        helper.make_node("Slice", ["first_row", "zero", "two", "one"], ["difficulty_logits"]),
        helper.make_node("Slice", ["logits", "two", "three", "one"], ["privacy_column"]),
        helper.make_node("ReduceMax", ["privacy_column"], ["privacy_logit"], axes=[0], keepdims=1),
        helper.make_node("Concat", ["difficulty_logits", "privacy_logit"], ["all_logits"], axis=1),
        helper.make_node("Sigmoid", ["all_logits"], ["scores"]),
    ]
    graph = helper.make_graph(
        nodes,
        f"strata_classifier_v{F.VERSION}",
        [
            helper.make_tensor_value_info("idx", TensorProto.INT64, ["N"]),
            helper.make_tensor_value_info("val", TensorProto.FLOAT, ["R", "N"]),
            helper.make_tensor_value_info("dense", TensorProto.FLOAT, ["R", F.K]),
        ],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, [1, 3])],
        initializer=inits,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 17)],
        producer_name="strata-classifiers-train",
        producer_version=str(F.VERSION),
        doc_string=f"Strata prompt classifier v{F.VERSION}: scores = [p_community_or_cloud, p_cloud, p_private]. "
        f"Features: classifiers/FEATURES.md version {F.VERSION}.",
    )
    # IR 8 is the version that goes with opset 17; every runtime that reads opset 17 reads it.
    model.ir_version = 8
    for k, v in metadata.items():
        entry = model.metadata_props.add()
        entry.key = k
        entry.value = v
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))


def ort_session(path):
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def ort_scores(sess, text):
    return sess.run(["scores"], F.batch_features(text))[0][0]


def load_written(name):
    """eval/<name>.jsonl: its rows, labels, detector decisions (a finding at or above
    FINDING_CONFIDENCE), and the private rows the privacy head leaves to the detectors."""
    path = HERE / "eval" / f"{name}.jsonl"
    rows = [json.loads(line) for line in open(path, encoding="utf-8")]
    findings = [path.with_suffix(".findings.jsonl")]
    return {
        "rows": rows,
        "y": np.array([r["label"] for r in rows]),
        "found": load_findings(findings, rows) >= FINDING_CONFIDENCE,
        "left_to_rules": load_findings(findings, rows, ignore=STILL_LEARNED) >= FINDING_CONFIDENCE,
    }


def holdout_report(ws, p, tp):
    """The privacy rule at the defaults on a written set (`load_written`) whose `p_private` is `p`."""
    rows, y, found = ws["rows"], ws["y"], ws["found"]
    pred = found | (p >= tp)
    kinds = Counter(r["kind"] for r, hit in zip(rows, pred) if hit != (r["label"] == 1))
    # The false-positive rate at the highest threshold that reaches each recall on this set: what
    # the rule could do here with T chosen on the set itself (an optimistic figure).
    at_recall = {}
    for target in (0.95, 0.99):
        for t in sorted(set(p.tolist()), reverse=True):
            hit = found | (p >= t)
            if hit[y == 1].mean() >= target:
                at_recall[f"{target:.2f}"] = {"t": float(t), **decision_rates(y, hit)}
                break
    return {
        "rows": len(rows), "positives": int(y.sum()), "auc": float(roc_auc_score(y, p)),
        "detectors": decision_rates(y, found), "combined_at_tp": decision_rates(y, pred),
        "combined_at_half": decision_rates(y, found | (p >= 0.5)),
        "errors_by_kind": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        "at_recall": at_recall,
    }


# ---------------------------------------------------------------------------------------------
# model card


def length_bucket(n):
    for limit, name in [(100, "< 100"), (500, "100-499"), (2000, "500-1,999"), (8000, "2,000-7,999"), (12000, "8,000-11,999")]:
        if n < limit:
            return name
    return "12,000-20,000"


BUCKETS = ["< 100", "100-499", "500-1,999", "2,000-7,999", "8,000-11,999", "12,000-20,000"]


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(x) for x in r) + " |")
    return "\n".join(out)


def indent(block, by="  "):
    """`block` indented to sit inside a Markdown list item."""
    return "\n".join(by + line for line in block.split("\n"))


def composition(rows, labels):
    langs = sorted(Counter(r["lang"] for r in rows).items(), key=lambda kv: (-kv[1], kv[0]))
    fmts = sorted(Counter(r["format"] for r in rows).items(), key=lambda kv: (-kv[1], kv[0]))
    lab = Counter(r["label"] for r in rows)
    buckets = Counter((length_bucket(len(r["text"])), r["label"]) for r in rows)
    parts = [
        table(["label", "rows"], [(f"{k} ({labels[k]})", lab[k]) for k in sorted(lab)]),
        "",
        "By language: " + ", ".join(f"{k} {v}" for k, v in langs) + ".",
        "",
        "By format: " + ", ".join(f"{k} {v}" for k, v in fmts) + ".",
        "",
        "By length in characters, per label:",
        "",
        table(["length"] + [f"label {k}" for k in sorted(lab)],
              [[b] + [buckets[(b, k)] for k in sorted(lab)] for b in BUCKETS]),
    ]
    return "\n".join(parts)


def fmt_matrix(m, names):
    return table(["true \\ predicted"] + names, [[names[i]] + list(m[i]) for i in range(len(names))])


def write_card(path, ctx):
    d, p = ctx["dif_rows"], ctx["prv_main"]
    m = ctx["metrics"]
    t1, t2, tp = ctx["t1"], ctx["t2"], ctx["tp"]
    pm = m["privacy"]
    fc = FINDING_CONFIDENCE

    def rate(r):
        return f"{r['recall']:.1%}", f"{r['fpr']:.1%}"

    privacy_rows = [
        (f"(a) model alone: `p_private ≥ {tp:.3f}`", *rate(pm["model_at_tp"])),
        (f"(b) detectors alone: a finding with confidence ≥ {fc:g}", *rate(pm["detectors"])),
        (f"**(c) combined: a finding ≥ {fc:g} or `p_private ≥ {tp:.3f}`**", *rate(pm["combined_at_tp"])),
        ("combined, with `p_private ≥ 0.5`", *rate(pm["combined_at_half"])),
    ]
    detector_rows = [(c, *rate(r)) for c, r in pm["detectors_by_confidence"].items()]
    rd = pm["redacted"]
    od = pm["ordinary"]

    def holdout_rows(h):
        return [
            (f"detectors alone (finding ≥ {fc:g})", *rate(h["detectors"])),
            (f"**combined at the defaults (`p_private ≥ {tp:.3f}`)**", *rate(h["combined_at_tp"])),
            ("combined, with `p_private ≥ 0.5`", *rate(h["combined_at_half"])),
        ] + [
            (f"combined, T set on this set for ≥ {float(k):.0%} recall (T = {r['t']:.3f})", *rate(r))
            for k, r in h["at_recall"].items()
        ]

    def error_kinds(h):
        return ", ".join(f"{k} {v}" for k, v in h["errors_by_kind"].items()) or "none"

    # A written set's figures under its paragraph: the decision table and its errors by kind.
    def set_figures(h):
        rows = table(["rule", "recall", "false-positive rate"], holdout_rows(h))
        return f"{indent(rows)}\n\n  Errors at the defaults by kind: {error_kinds(h)}."
    red_rows = Counter(r["label"] for r in ctx["prv_red"])
    privacy_block = f"""- Privacy: **private** if any detector finding (`classifiers::Detector`) has confidence
  **≥ {fc:g}** (the policy's `finding_confidence`), **or** `p_private ≥ {tp:.3f}` (the policy's
  `private_threshold`). C = {fc:g} is a fixed choice, made from the detectors' confidences on
  this corpus (table below: above 0.7 they stop firing on its documentation examples). T is the
  lower of two thresholds. One is the highest at which the combined rule keeps validation recall
  ≥ {PRIVACY_RECALL_TARGET:.0%} ({pm['threshold_validation']:.3f}). The other is the highest at which the model
  alone catches {DEV_MODEL_RECALL:.0%} of the {pm['development_left']} private prompts that the detectors leave on the
  development written sets pooled ({", ".join(f"`{n}`" for n in DEV_SETS)}), each scored by
  the model trained without it ({pm['threshold_development']:.3f}; the combined rule there:
  {pm['development_combined_at_tp']['recall']:.1%} recall, {pm['development_combined_at_tp']['fpr']:.1%} false positives). Validation is made of template families, and the detectors have been taught most
  of the development sets' private prompts: on a set nobody has read they leave the model a
  larger and harder share (9–21% of its private prompts at each set's first look, 5–13% on the
  development sets now), so the combined recall of either would set T too high.

The privacy head is trained for this rule: private prompts that a detector already flags at
confidence ≥ {fc:g} carry weight {DETECTED_WEIGHT:g} in its training, and its calibration is fitted
on prompts without such a finding, so the model spends itself on what the rules miss (a named
person's diagnosis or record, a home address, a password in prose, a confidential memo).
Findings of kind {", ".join(f"`{k}`" for k in sorted(STILL_LEARNED))} do not count for this: those
detectors read a diagnosis, a record, a dismissal or a debt only next to a name they recognise, so
the model keeps learning the concepts from those prompts too. Its
score is therefore often low on prompts whose only private content is an email address or a card
number: use it together with the findings, never alone. The {ctx['n_handwritten']} hand-written
rows weigh {HANDWRITTEN_WEIGHT:g} each in its training: they are worded as people write, the
templates are not. Their redacted copies weigh 1: they are labelled private only because free
wording lists no values that would show redaction removed them all. Prompts written around a
value the detectors read by its format (a card, a key, an ID, an address) have no redacted copy:
labelled private, their placeholders taught the model that a redacted prompt is private.

## Privacy decision (validation)

These are validation figures on **project-written data** (fold 0 of the synthetic corpus below;
its templates and filler values are disjoint from training), not measurements on real traffic:
{pm['rows']} validation prompts, {pm['positives']} of them private. The findings come from the
Rust detectors themselves (`cargo run --release --example findings_jsonl -p classifiers`, run by
`run.sh`).

{table(["rule", "recall", "false-positive rate"], privacy_rows)}

T was chosen on this validation set and the development sets, and the detector weight and the
added privacy templates were settled by comparing a few alternatives on it, so the combined
figures at T are optimistic.
Choosing T on
out-of-fold scores of the training folds instead gives T = {pm['oof_threshold']:.3f}, at which
the combined rule has validation recall {pm['combined_at_oof_threshold']['recall']:.1%} and a
false-positive rate of {pm['combined_at_oof_threshold']['fpr']:.1%}.

Combined decision at the defaults:

{fmt_matrix(np.array(pm['combined_at_tp']['matrix']), ['public', 'private'])}

Detectors alone, by finding confidence:

{table(["finding confidence ≥", "recall", "false-positive rate"], detector_rows)}

Redacted prompts: the gateway replaces findings with typed placeholders (`[EMAIL_1]`, `[CARD_1]`,
...) and may score the redacted text again. Of the {rd['rows']} redacted validation prompts,
{rd['rows'] - rd['positives']} are public once redacted and {rd['positives']} stay private because
of what the placeholders do not remove (a diagnosis, an address, a record...) or because the
template named a date of birth or a salary (counted as remaining even once replaced). The
combined rule at the defaults calls {rd['public_flagged']:.1%} of the former and
{rd['private_flagged']:.1%} of the latter private.

Ordinary prompts: the {od['rows']} validation prompts of the difficulty corpus carry no personal
data. The combined rule keeps **{od['flagged_at_tp']:.1%}** of them on the edge as private at the
defaults ({od['flagged_at_oof']:.1%} at the out-of-fold T, {od['flagged_at_half']:.1%} with
`p_private ≥ 0.5`); by format: {', '.join(f'{k} {a}/{n}' for k, (a, n) in od['by_format'].items())}.
This is the share of ordinary traffic that the privacy rule costs. Scoring windows keeps long
pasted articles and documents public; what it still flags is mostly short chat and email whose
wording resembles the private templates (a named colleague, an amount, a date).

Prompts written apart from the corpus, one by one, without its templates: twenty-one sets of 240
prompts each (24 per language, half private), by writers who saw neither the corpus, the other
sets nor the model. They are the nearest this card has to real traffic.

- `eval/holdout21.jsonl` came twenty-first, written to the tenth's brief, each language given
  the seven format kinds its twentieth-set writers did not have. **It is held out**: it has
  never been trained on, nothing was chosen by it, and its prompts were not read. One model has
  been scored on it, once: this card's. These are the card's figures on prompts nobody had seen.
  AUC {pm['holdout21']['auc']:.3f}.

{set_figures(pm["holdout21"])}

The first twenty sets were each read as held-out sets in their turn (their first readings are
below), then chose detector work and the kinds of hand-written prompts, and help choose T. They
are also training rows of the privacy head, weighing {WRITTEN_WEIGHT:g} each like the hand-written
ones (private prompts that a detector flags weigh {DETECTED_WEIGHT:g}, as in the corpus). Every
figure below on one of them comes from a model trained without that set (the final witnesses, C
and calibration, refitted without its rows): out-of-set, not held out, since the detectors have
learned from all of them.

- `eval/holdout20.jsonl` came twentieth, written to the tenth's brief, each language given the
  seven format kinds its nineteenth-set writers did not have. Only its aggregate figures were
  read, once, before it became a development set: with the previous card's model (T = 0.521),
  99.2% recall and 0.0% false positives at the defaults, 99.2% and 0.0% with `p_private ≥ 0.5`,
  AUC 0.888; its detectors alone found 85.8% of the private prompts and flagged none of the
  public ones; 99% recall cost no false positives (T = 0.795, set on the set itself). Its one
  error, a shop's customer list pasted as CSV with bare mobile numbers under a phone column,
  then chose detector work (a table's phone column beside its name column), and it helps choose
  T. AUC {pm['holdout20']['auc']:.3f}.

{set_figures(pm["holdout20"])}

- `eval/holdout19.jsonl` came nineteenth, written to the tenth's brief, each language given the
  seven format kinds its eighteenth-set writers did not have. Only its aggregate figures were
  read, once, before it became a development set: with the previous card's model (T = 0.550),
  97.5% recall and 0.8% false positives at the defaults, AUC 0.872; its detectors alone found
  89.2% of the private prompts and flagged none of the public ones; 99% recall cost 2.5% false
  positives (T = 0.302, set on the set itself). Its errors then chose detector work (Hindi month
  names, a Chinese role word as a form's label, a care home's client label) and hand-written
  prompts (an unnamed resident's handover note, birth details for a horoscope, a pay letter, a
  founder's interviews, in pairs with a named private person), and it helps choose T. AUC
  {pm['holdout19']['auc']:.3f}.

{set_figures(pm["holdout19"])}

- `eval/holdout18.jsonl` came eighteenth, written to the tenth's brief with the format kinds on
  a fifth rotation over the languages. Only its aggregate figures were read, once, before it
  became a development set: with the previous card's model (T = 0.550), 99.2% recall and 2.5%
  false positives at the defaults, 99.2% and 2.5% with `p_private ≥ 0.5`, AUC 0.903; its
  detectors alone found 87.5% of the private prompts and flagged 0.8% of the public ones; 99%
  recall cost 1.7% false positives (T = 0.592, set on the set itself). Its errors then chose
  detector work (a Wi-Fi pre-shared key, Osaka's 06 on a Japanese letterhead) and hand-written
  prompts (an unnamed relative's lab values, a head of government's policy, in pairs with a
  named private person), and it helps choose T. AUC {pm['holdout18']['auc']:.3f}.

{set_figures(pm["holdout18"])}

- `eval/holdout17.jsonl` came seventeenth, written to the tenth's brief with the format kinds on
  a fourth rotation over the languages. Only its aggregate figures were read, once, before it
  became a development set: with the previous card's model (T = 0.561), 96.7% recall and 0.8%
  false positives at the defaults, 96.7% and 0.8% with `p_private ≥ 0.5`, AUC 0.873; its
  detectors alone found 87.5% of the private prompts and flagged 0.8% of the public ones; 99%
  recall cost 3.3% false positives (T = 0.243, set on the set itself). Its errors then chose
  detector work (a Brazilian label with its district on a line of its own, a French RIB's codes
  and lettered account number, a certified mailbox named with the company's legal form, the
  writer's own name before a diagnosis, a Chinese name before "这个月"), and it helps choose T.
  AUC {pm['holdout17']['auc']:.3f}.

{set_figures(pm["holdout17"])}

- `eval/holdout16.jsonl` came sixteenth, written to the tenth's brief with the format kinds on
  another rotation over the languages. Only its aggregate figures were read, once, before it
  became a development set: with the previous card's model (T = 0.587), 96.7% recall and 0.0%
  false positives at the defaults, 97.5% and 0.0% with `p_private ≥ 0.5`, AUC 0.855; its
  detectors alone found 85.8% of the private prompts and flagged none of the public ones; 99%
  recall cost 18.3% false positives (T = 0.054, set on the set itself). Its errors then chose
  detector work (a Steuer-ID whose name stands a clause before, the Chinese ID's official name, a
  name after "部门", Hindi full names in a fact's sentence, a case filed and time in jail in
  Hindi), and it helps choose T. AUC {pm['holdout16']['auc']:.3f}.

{set_figures(pm["holdout16"])}

- `eval/holdout15.jsonl` came fifteenth, written to the tenth's brief with the format kinds on a
  new rotation over the languages. Only its aggregate figures were read, once, before it became a
  development set: with the previous card's model (T = 0.620), 95.8% recall and 1.7% false
  positives at the defaults, 95.8% and 2.5% with `p_private ≥ 0.5`, AUC 0.865; its detectors
  alone found 80.8% of the private prompts and flagged 0.8% of the public ones; 99% recall cost
  6.7% false positives (T = 0.235, set on the set itself). Its errors then chose detector work
  (DNIs and NIEs whose letter fails, a French payslip's employee label, a Chinese payslip's name
  field and job words, a Japanese address without 丁目 on a shipping label, order mailboxes), and
  it helps choose T. AUC {pm['holdout15']['auc']:.3f}.

{set_figures(pm["holdout15"])}

- `eval/holdout14.jsonl` came fourteenth, written to the tenth's brief, each language given the
  seven format kinds its thirteenth-set writers did not have. Only its aggregate figures were
  read, once, before it became a development set: with the previous card's model (T = 0.581),
  94.2% recall and 4.2% false positives at the defaults, the same with `p_private ≥ 0.5`, AUC
  0.865; its detectors alone found 83.3% of the private prompts and flagged 2.5% of the public
  ones; 99% recall cost 13.3% false positives (T = 0.104, set on the set itself). Its errors then
  chose detector work (a card's expiry after its number, a passport number a few words after its
  word, a Brazilian address in lower case, a name a Chinese kin word calls, a roster line's pay,
  birthday labels, Manchester's landlines, a company's other desks, German noun lists read as
  names), and it helps choose T. AUC {pm['holdout14']['auc']:.3f}.

{set_figures(pm["holdout14"])}

- `eval/holdout13.jsonl` came thirteenth, written to the tenth's brief with the format kinds
  drawn afresh for each language. Only its aggregate figures were read, once, before it became a
  development set: with the previous card's model (T = 0.58), 95.0% recall and 2.5% false
  positives at the defaults, 95.8% and 3.3% with `p_private ≥ 0.5`, AUC 0.877; its detectors
  alone found 86.7% of the private prompts and flagged 2.5% of the public ones; 99% recall cost
  9.2% false positives (T = 0.163, set on the set itself). Its errors then chose detector work
  (health words and a Hindi full name a sentence before, a password with an unescaped slash, a
  card's security code and expiry, a Japanese address's building line, the national standard's
  example Chinese IDs, a birth date in data called made up, Dutch invoice mailboxes), and it
  helps choose T. AUC {pm['holdout13']['auc']:.3f}.

{set_figures(pm["holdout13"])}

- `eval/holdout12.jsonl` came twelfth, written to the tenth's brief with the format kinds
  drawn afresh for each language. Only its aggregate figures were read, once, before it became a
  development set: with the previous card's model (T = 0.576), 95.8% recall and 5.8% false
  positives at the defaults, the same with `p_private ≥ 0.5`, AUC 0.880; its detectors alone
  found 80.0% of the private prompts and flagged 5.8% of the public ones (all seven false
  positives); 99% recall cost 15.8% false positives (T = 0.097, set on the set itself). Its
  errors then chose detector work (legal notices, company mailboxes, published example CPFs,
  Chinese resident IDs and passwords, Dutch card words, a Japanese payslip), and it helps choose
  T. AUC {pm['holdout12']['auc']:.3f}.

{set_figures(pm["holdout12"])}

- `eval/holdout11.jsonl` came eleventh, written to the tenth's brief with the format kinds
  drawn afresh for each language. Only its aggregate figures were read, once, before it became a
  development set: with the previous card's model (T = 0.59), 97.5% recall and 2.5% false
  positives at the defaults, 98.3% and 2.5% with `p_private ≥ 0.5`, AUC 0.875; its detectors
  alone found 86.7% of the private prompts and flagged 1.7% of the public ones; 99% recall cost
  5.0% false positives (T = 0.446, set on the set itself). Its errors then chose detector work (a
  name a verb gives, a password's adjective after its key, Chinese card words, test NIEs,
  quotation mailboxes, a business's WhatsApp line), and it helps choose T. AUC {pm['holdout11']['auc']:.3f}.

{set_figures(pm["holdout11"])}

- `eval/holdout10.jsonl` came tenth: per language each public kind once, the five free-text
  private kinds and seven of the fourteen format kinds, each format kind in five languages. Only
  its aggregate figures were read, once, before it became a development set: with the previous
  card's model (T = 0.569), 95.0% recall and 5.0% false positives at the defaults, 95.8% and
  5.8% with `p_private ≥ 0.5`, AUC 0.862; its detectors alone found 81.7% of the private prompts
  and flagged 3.3% of the public ones; 99% recall cost 12.5% false positives (T = 0.149, set on
  the set itself). Its errors then chose detector work (Chinese and Italian bank accounts, an
  IBAN printed without its word, a NIR or My Number whose name stands a clause before, Chinese
  compound addresses, accounting and sales mailboxes, test DNIs and placeholder phones), and it
  helps choose T. AUC {pm['holdout10']['auc']:.3f}.

{set_figures(pm["holdout10"])}

- `eval/holdout9.jsonl` came ninth, its format kinds spread over the languages differently from
  the eighth's. Only its aggregate figures were read, once, before it became a development set:
  with the previous card's model (T = 0.617), 100.0% recall and 3.3% false positives at the
  defaults, 100.0% and 4.2% with `p_private ≥ 0.5`, AUC 0.861; its detectors alone found 88.3%
  of the private prompts and flagged 2.5% of the public ones; 99% recall cost 2.5% false
  positives (T = 0.687, set on the set itself). Three of its four false positives were the
  detectors' alone; they then chose detector work (landlines without a trunk zero in a
  letterhead, `contato@` mailboxes, a password asking in Spanish to be changed), and it helps
  choose T. AUC {pm['holdout9']['auc']:.3f}.

{set_figures(pm["holdout9"])}

- `eval/holdout8.jsonl` came eighth. Only its aggregate figures were read, by three models, before
  it became a development set: the model trained on the first seven sets (96.7% recall and 3.3%
  false positives at its T = 0.571, AUC 0.844; 99% recall cost 16.7% false positives); the model
  trained without the written sets (96.7% and 7.5% at T = 0.397, AUC 0.827; 20.0%); and the
  first with 480 more hand-written prompts (96.7% and 3.3% at T = 0.58, AUC 0.856; 10.0%), whose
  detectors alone found 85.8% of the private prompts and flagged 2.5% of the public ones. Its
  errors then chose detector
  work (an ID beside its own name whose check digit fails, pay in soles and on a Japanese roster
  line, a request to continue a story, German time nouns, a mailbox named after its company's
  domain) and it helps choose T. AUC {pm['holdout8']['auc']:.3f}.

{set_figures(pm["holdout8"])}

- `eval/holdout7.jsonl` came seventh, by writers who saw neither the corpus, the other sets
  nor the model. Only its aggregate figures were read, once, before it became a development
  set: with the previous card's model (T = 0.382), 97.5% recall and 14.2% false positives at
  the defaults, 96.7% and 10.0% with `p_private ≥ 0.5`, AUC 0.791; its detectors alone found
  84.2% of the private prompts and flagged 5.0% of the public ones; 95% recall cost 7.5% false
  positives (T = 0.738) and 99% cost 20.8% (T = 0.267), T set on the set itself. Its errors then
  chose detector work (requests for fiction, invoice letterheads, sample passwords in other
  languages, a mobile after a business-line word, a title with initials, a Chinese name right
  before its diagnosis), and it helps choose T. That first
  reading, of the previous model, was then the latest measurement on prompts nobody had read.
  AUC {pm['holdout7']['auc']:.3f}.

{set_figures(pm["holdout7"])}

- `eval/holdout6.jsonl` came sixth, by writers who saw neither the corpus, the other sets nor
  the model. Only its aggregate figures were read, twice, before it became a development set.
  The first reading scored a model trained before one last change: 100.0% recall and 8.3% false
  positives at its T = 0.316. The second scored the previous card's model: 99.2% recall and
  9.2% false positives at T = 0.284, AUC 0.835; its detectors alone found 79.2% of the private
  prompts. Its errors then chose detector work (AWS secrets that start with a slash, Mollie
  keys, Mexican phone numbers, grouped Chinese resident IDs, checking accounts beside a routing
  number, names after a hospital or a street word), and it helps choose T. AUC {pm['holdout6']['auc']:.3f}.

{set_figures(pm["holdout6"])}

- `eval/holdout5.jsonl` came fifth, written the same way. Its first look gave 95.8% recall and
  9.2% false positives at the defaults (T = 0.249), AUC 0.918; the previous card's model gave
  92.5% recall and 3.3% false positives at its T = 0.387, AUC 0.929. Its errors then chose
  detector work (Indian, Chilean, Argentine and Mexican tax IDs, Japanese era and Chinese birth
  dates, names in Chinese and Hindi records, letterheads, bot mailboxes) and it helps choose T,
  so it is a development set. AUC {pm['holdout5']['auc']:.3f}.

{set_figures(pm["holdout5"])}

- `eval/holdout4.jsonl` came fourth, written the same way. Its first look gave 94.2% recall and
  9.2% false positives at the defaults, AUC 0.898, and 26.7% false positives at 99% recall. Its
  errors then chose detector work (a report under its person's name, restraining orders, Japanese
  transfer slips) and the kinds of the newest hand-written training prompts, and it helps choose
  T, so it is a development set. AUC {pm['holdout4']['auc']:.3f}.

{set_figures(pm["holdout4"])}

- `eval/holdout3.jsonl` came third, written the same way. Its first look gave 95.0% recall and
  20.0% false positives at the defaults, AUC 0.871. Its errors then chose detector work (sample
  data in Postman and form fields, salaries without a currency, names after a role word, a
  criminal record, a hyphenated name) and the kinds of later hand-written training prompts, and
  it helps choose T, so it is no longer untouched. AUC {pm['holdout3']['auc']:.3f}.

{set_figures(pm["holdout3"])}

- `eval/holdout2.jsonl` came second, also without sight of the corpus or the model. Its errors
  then chose which kinds of prompts were added to the hand-written training data (not the prompts
  themselves) and which detector gaps were closed, it was used to compare training weights, and
  it helps choose T, so it is no longer untouched. AUC {pm['holdout2']['auc']:.3f}.

{set_figures(pm["holdout2"])}

- `eval/holdout.jsonl` came first and was used the same way before it. AUC {pm['holdout']['auc']:.3f}.

{set_figures(pm["holdout"])}

Most false positives on these sets are personal-sounding public texts pasted for help (an essay
to correct, a notice to summarise, a complaint about an order), questions about personal data
that hold none, and logs. The missed private prompts are free text that no detector reads and
the model scores low; some in the first set hold numbers whose check digits fail with no ID's
name beside them, which no detector reports."""
    heads_rows = []
    for h in HEADS:
        r = m[h]
        heads_rows.append((h, r["n"], r["positives"], f"{r['auc']:.4f}", f"{r['ece']:.4f}", f"{r['brier']:.4f}",
                           f"{r['log_loss']:.4f}", f"{ctx['reports'][h]['C']:g}",
                           f"{ctx['reports'][h]['platt_a']:.3f} / {ctx['reports'][h]['platt_c']:.3f}"))
    tier_names = ["edge", "community", "cloud"]
    text = f"""# strata-classifier-v2

A linear prompt classifier for Strata's router: two difficulty scores and one privacy score from
hashed character and word n-grams plus eight dense statistics, run in-process through ONNX
Runtime (the graph is a gather, a matrix product and a sigmoid). The difficulty scores read the
whole prompt. The privacy score of a prompt longer than {F.WINDOWED_ABOVE:,} code points is that of
the most private of the whole prompt and its windows of {F.WINDOW_CODE_POINTS} code points, so a
short private passage inside a long public paste is not diluted by it. The features are specified exactly in [`../FEATURES.md`](../FEATURES.md)
(version {F.VERSION}); the Python training pipeline in [`../train/`](../train/) and the Rust
runtime implement them identically.

- File: `strata-classifier-v2.onnx`, {ctx['model_bytes']:,} bytes, sha256 `{ctx['model_sha']}`.
- Reproduce: `bash classifiers/train/run.sh` (rebuilds the corpus, the model, this card and the
  parity fixture byte for byte).

## Interface

Opset 17, float32, linear per head and row (FEATURES.md §7): row 0 is the whole prompt, rows
1.. its windows; `logits = val · Gather(W, idx) + dense · V + b` (`[R, 3]`). The difficulty
scores come from row 0, the privacy score from the row with the highest privacy logit. The Platt
calibration is folded into `W`, `V`, `b`; each score ends in a `Sigmoid`.

| input | type | shape | meaning |
|---|---|---|---|
| `idx` | int64 | `[N]` | distinct hashed feature indices, every one some row has (D = {F.D}) |
| `val` | float32 | `[R, N]` | each row's values of those features (log1p of counts, L2-normalised per row), 0 where the row lacks one |
| `dense` | float32 | `[R, 8]` | each row's dense features (FEATURES.md §5) |

Output `scores`, float32 `[1, 3]`:

| index | name | meaning |
|---|---|---|
| 0 | `p_community_or_cloud` | P(difficulty label ≥ 1): the prompt needs more than an on-device model |
| 1 | `p_cloud` | P(difficulty label = 2): the prompt needs a frontier model |
| 2 | `p_private` | P(privacy label = 1) for a prompt on which no detector finding reaches the finding confidence: the personal data, credentials or confidential content the rules miss (see the privacy rule below) |

Labels are those of `shared/RUBRIC.md`. The two difficulty scores are separate binary heads and
are not forced to be consistent (`p_cloud` can exceed `p_community_or_cloud` on odd inputs); the
mapping below checks the edge cut first.

## Default thresholds

Chosen on the validation set (see below) and, for privacy, also on the development written sets'
out-of-set scores, so the figures at these thresholds are optimistic on those sets.

- Difficulty → tier: **edge** if `p_community_or_cloud < {t1:.2f}`, else **cloud** if
  `p_cloud ≥ {t2:.2f}`, else **community**. (Grid 0.20-0.80 in steps of 0.05, maximising the
  balanced accuracy of the three tiers, ties broken towards 0.5.)
{privacy_block}

## Validation results

These are validation figures on **project-written data**: a held-out 20% of templates from the
same synthetic corpus the model was trained on. They measure how well the model learned that
corpus, not how it will do on real traffic, and they say nothing about public benchmarks (which
are reserved for separate evaluation).

{table(["head", "rows", "positives", "AUC", "ECE (10 bins)", "Brier", "log loss", "C", "Platt a / c"], heads_rows)}

`p_private` is measured on the prompts it is meant for: the validation prompts (not redacted) on
which no finding reaches confidence {fc:g}. Its per-language AUC below is measured the same way.

Difficulty tiers at the defaults ({t1:.2f} / {t2:.2f}), validation, balanced accuracy
{m['tiers_default']['balanced_accuracy']:.3f}:

{fmt_matrix(np.array(m['tiers_default']['matrix']), tier_names)}

At 0.5 / 0.5, balanced accuracy {m['tiers_half']['balanced_accuracy']:.3f}:

{fmt_matrix(np.array(m['tiers_half']['matrix']), tier_names)}

Per-language validation AUC:

{table(["lang"] + HEADS, [[lang] + [('n/a' if m['per_lang'][lang][h] is None else f"{m['per_lang'][lang][h]:.3f}") for h in HEADS] for lang in sorted(m['per_lang'])])}

## Training

- Corpus: `classifiers/train/corpus/` (generated by `generate.py` from hand-written seed templates
  and pools in `classifiers/train/seeds/`; see below).
- Split: templates are assigned to five folds at generation time, stratified by corpus, language
  and label; hand-written filler pools are partitioned by the same folds, so no template and no
  filler value occurs on both sides. Fold 0 is the validation set ({m['n_val_dif']} difficulty,
  {m['n_val_prv']} privacy and {m['n_val_red']} redacted privacy rows); folds 1-4 train. A redacted row
  is in the fold of the prompt it was made from.
- Model: scikit-learn `LogisticRegression` (liblinear, L2) per head on the sparse hashed features
  plus the dense features. C from {{{', '.join(f'{c:g}' for c in C_GRID)}}} by leave-one-fold-out log loss
  on the training folds; a Platt scaling fitted on those out-of-fold scores is folded into the
  weights. The privacy head trains on `privacy.jsonl`, `privacy_redacted.jsonl` and, as public
  rows, the {m['privacy']['ordinary']['train_rows']} training prompts of `difficulty.jsonl` without a finding
  ≥ {ORDINARY_MAX_FINDING:g} and {m['privacy']['ordinary']['instruction_rows']} rows made of the system and style instructions that open
  corpus prompts (as written, lower-cased, without closing punctuation), alone or followed by a
  greeting ("hi", "hello", "thanks!"), with weight
  {DETECTED_WEIGHT:g} on private rows that a detector flags at confidence ≥ {fc:g} (findings of
  kind {", ".join(f"`{k}`" for k in sorted(STILL_LEARNED))} aside), and its log loss and Platt scaling are computed on the
  rows without such a finding. The twenty earlier written sets (`eval/holdout.jsonl` to
  `eval/holdout20.jsonl`, {sum(pm[n]['rows'] for n in WRITTEN_SETS)} prompts) train it too, at weight {WRITTEN_WEIGHT:g}, in the training folds
  round-robin; `eval/holdout21.jsonl` does not. The validation set is used
  only for this report and the default thresholds.
- The privacy head scores a prompt by its most private row (the whole text or one of its
  windows), so it is trained as a multiple-instance model: every row of a public prompt is a
  public example; a private prompt contributes one row, the one the previous round's model
  scores highest (the whole text in the first round). {ctx['reports']['p_private']['rounds']} rounds at C = {ctx['reports']['p_private']['C']:g}
  (the value the single-row head chose by cross-validation), over
  {ctx['reports']['p_private']['window_rows']:,} training window rows; the Platt scaling is fitted on out-of-fold scores of
  the prompts' maximum.
- The exported model reproduces scikit-learn's calibrated probabilities on every validation row
  to {ctx['max_diff']:.1e} (ONNX Runtime {ort.__version__}).

## Corpus

Project-written: every prompt comes from hand-written templates and pools ({ctx['n_templates_dif']} difficulty and
{ctx['n_templates_prv']} privacy templates across the ten languages, plus pools of topics, problems,
sentences, names and places), composed programmatically with a fixed seed. The privacy corpus
also holds {ctx['n_twins']} negative "twins" (a positive template's instruction over the same kind of
paste without personal data) and {ctx['n_generic']} ordinary prompts reused from the difficulty
templates. A further {ctx['n_templates_extra']} privacy templates
(`seeds/privacy_extra.py`) cover, in every language, the private content the detectors cannot
find (a named person with a diagnosis, salary, record, warning letter or date of birth; a home
address; passwords and account numbers in prose; memos marked confidential or internal) and
their near misses (the same topics with no private person: general questions, anonymous cases,
fiction, public news, placeholders the user typed). {ctx['n_handwritten']} more privacy
prompts (`seeds/handwritten.jsonl`, {ctx['n_handwritten_private']} private) are written one by one
rather than from templates: personal-sounding but public texts pasted for help (essays, stories,
complaints, emails to a boss, anonymised teaching cases, blank forms) and private ones in free
wording (among them a named person's clinical, legal, payroll or HR record pasted as its document
words it); they are in the training folds only. Long inputs (articles,
logs, code, CSV, JSON, YAML, emails) are pasted under instructions of every label, so length is
not a shortcut. All personal data is synthetic but realistic: Luhn-valid card numbers, mod-97
IBANs, valid-range SSNs and checksummed national IDs, provider-format API keys, PEM blocks, JWTs,
connection strings with passwords, named people with health, salary or criminal-record details,
confidential memos. Privacy negatives include prompts about personal data, code that reads secrets
from the environment, documentation placeholders (`user@example.com`, 555-01xx numbers,
`AKIAIOSFODNN7EXAMPLE`, test card 4242…), non-personal identifiers (ISBNs, UUIDs, git hashes,
order and tracking numbers) and public figures in public contexts, plus ordinary prompts.

### difficulty.jsonl ({len(d)} rows)

{composition(d, {0: 'edge', 1: 'community', 2: 'cloud'})}

### privacy.jsonl ({len(p)} rows)

{composition(p, {0: 'public', 1: 'private'})}

### privacy_redacted.jsonl ({len(ctx['prv_red'])} rows)

Written by `redact.py` from the private rows of `privacy.jsonl` and the detectors' findings on
them: every finding with confidence ≥ {fc:g} replaced by its typed placeholder exactly as
`classifiers::redact::redact` does. A row is labelled 0 when the generator's template held no
private content besides detectable values (and the check that every such value is gone passes),
and 1 when something private remains (a diagnosis, a date of birth, an address, a salary, a
record, account numbers, a CVV, a confidential plan). A date of birth or a salary that a detector
replaced still counts as remaining, so `[DOB_1]` and `[SALARY_1]` next to a name read as private.
Redacted copies of the hand-written prompts stay private too: they list no values, so nothing
shows that redaction removed every private one. Prompts that redaction does not change are not
repeated. Labels: {red_rows[0]} public, {red_rows[1]} private.

## Known limitations

- The corpus is synthetic and written by the project; real prompts are more varied. Expect lower
  accuracy and worse calibration on real traffic, and recalibrate thresholds on logged data.
- Scores are calibrated to the corpus' label mix ({ctx['prior_text']}), not to the mix of real
  traffic.
- The privacy figures depend on the detectors in `classifiers/src/detect/` as they are when
  `run.sh` runs: a change there changes the findings, the redacted corpus and these numbers.
- The validation split holds out whole templates. A kind of private content with few templates
  in a language (e.g. a health note in Japanese or German, a memo marked internal over long
  filler) is only learned from the other languages' wording; such templates make up most of the
  combined rule's misses. Most of its false positives are likewise whole negative templates:
  sample data with placeholder names and addresses ("use Mario Rossi, 123 Main Street as sample
  data"), requests for blank letter templates, and requests to proofread a text.
- The salary detector (`salary`) needs a pay word, an amount and a name in one sentence. It
  cannot tell a public figure from a private person ("Cristiano Ronaldo earns $200 million" is a
  finding), and a name written in lower case, or a Chinese name with an unusual surname, is not a
  name to it; the model covers those.
- The address detector (`address`) needs a house number and a street before a postal code in
  its country's shape (or a Chinese `…区…路88号`, a Japanese `〒` or `丁目`), and a name, a
  courtesy title or a word like "my address" right before it to reach 0.85; an address nobody
  is said to own scores 0.6. A street without a postal code, or a town spelled after it in
  Devanagari, is left to the model.
- The marking detector (`confidential`) reads "CONFIDENTIAL", "VERTRAULICH", "社外秘" and their
  kin only as a label: at the head of a line, in brackets or in an all-capitals header, with a
  document after it. A casual "this is internal, don't forward it" in running text is left to
  the model.
- A linear bag of n-grams cannot verify checksums or tell a real card number from an order number
  of the same shape; it relies on context words. Pair it with the deterministic detectors.
- Each row is L2-normalised, so a few private words still weigh little inside a window of
  {F.WINDOW_CODE_POINTS} code points that is otherwise public, and a passage cut by a window edge is
  split between two windows (the whole text still sees it). Texts beyond 12,000 code points lose
  their middle to truncation before any window is taken.
- Japanese, Hindi and Chinese have fewer seed templates than the other languages, and their
  per-language validation sets are small; their difficulty scores are clearly weaker (see the
  per-language table). Languages outside the ten covered are untested.
- Very short or unusual inputs (a single letter, a lone emoji) are far from the training data and
  can get confident but arbitrary difficulty scores. The privacy score has the same weakness: a
  few words carry the whole vector, so a two-word instruction whose words also open private
  templates ("be brief") or a short request for a letter ("Write a short letter to Santa.",
  "Schreib einen kurzen Brief an den Weihnachtsmann.") can score 0.2-0.4 and cross the privacy
  threshold, even though the corpus' bare instructions train as public rows.
- The difficulty heads learn instruction phrasing; unusual phrasings of hard tasks, or easy tasks
  phrased in expert vocabulary, can be misrouted.
"""
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(HERE / "corpus"))
    args = ap.parse_args()
    t0 = time.time()
    OUT.mkdir(exist_ok=True)

    corpus = Path(args.corpus)
    dif = load(corpus / "difficulty.jsonl")
    prv_main = load(corpus / "privacy.jsonl")
    prv_red = load(corpus / "privacy_redacted.jsonl")
    prv = prv_main + prv_red
    red = np.array([False] * len(prv_main) + [True] * len(prv_red))
    prv_findings = [corpus / "privacy.findings.jsonl", corpus / "privacy_redacted.findings.jsonl"]
    conf = load_findings(prv_findings, prv)
    detected = conf >= FINDING_CONFIDENCE
    # the rows the privacy head leaves to the detectors (see STILL_LEARNED)
    left_to_rules = load_findings(prv_findings, prv, ignore=STILL_LEARNED) >= FINDING_CONFIDENCE
    dconf = load_findings([corpus / "difficulty.findings.jsonl"], dif)
    written = {name: load_written(name) for name in WRITTEN_SETS + HELD_OUT_SETS}
    log(f"loaded {len(dif)} difficulty and {len(prv_main)} + {len(prv_red)} redacted privacy rows, "
        f"{len(WRITTEN_SETS)} written sets to train on and {len(HELD_OUT_SETS)} held out")

    Xd = featurize([r["text"] for r in dif])
    Xp = featurize([r["text"] for r in prv])
    Wd, od = featurize_windows([r["text"] for r in dif])
    Wp, op = featurize_windows([r["text"] for r in prv])
    # the written sets' rows, in WRITTEN_SETS order; `wset` is each row's set
    wtexts = [r["text"] for n in WRITTEN_SETS for r in written[n]["rows"]]
    wset = np.concatenate([np.full(len(written[n]["rows"]), i) for i, n in enumerate(WRITTEN_SETS)])
    yw = np.concatenate([written[n]["y"] for n in WRITTEN_SETS])
    w_left = np.concatenate([written[n]["left_to_rules"] for n in WRITTEN_SETS])
    Xw = featurize(wtexts)
    Ww, ow = featurize_windows(wtexts)
    n_w = len(wtexts)
    log(f"features in {time.time() - t0:.1f}s (nnz {Xd.nnz + Xp.nnz:,}; "
        f"{Wd.shape[0] + Wp.shape[0]:,} windows, nnz {Wd.nnz + Wp.nnz:,})")

    yd = np.array([r["label"] for r in dif])
    yp = np.array([r["label"] for r in prv])
    fd = np.array([r["fold"] for r in dif])
    fp = np.array([r["fold"] for r in prv])
    dtr, dva = fd != VALIDATION_FOLD, fd == VALIDATION_FOLD
    ptr, pva = fp != VALIDATION_FOLD, fp == VALIDATION_FOLD

    # The privacy head's rows: the privacy corpus, then the ordinary training prompts as public,
    # then the corpus' system and style instructions on their own or before a greeting, as
    # public: they open private and public prompts alike, and alone they carry nothing personal;
    # then the written sets, in the training folds round-robin.
    ordinary = dtr & (dconf < ORDINARY_MAX_FINDING)
    n_ord = int(ordinary.sum())
    instructions = bare_instructions()
    n_ins = len(instructions)
    Xpo = sp.vstack([Xp, Xd[ordinary], featurize(instructions), Xw], format="csr")
    # their windows, owned by the same row numbers
    ordinary_rank = np.cumsum(ordinary) - 1
    ord_windows = ordinary[od]
    Wpo = sp.vstack([Wp, Wd[ord_windows], Ww], format="csr")
    w_first = len(prv) + n_ord + n_ins
    opo = np.concatenate([op, len(prv) + ordinary_rank[od[ord_windows]], w_first + ow])
    n_extra = n_ord + n_ins + n_w
    head_data = {
        "p_community_or_cloud": (Xd, (yd >= 1).astype(int), fd, dtr, dva),
        "p_cloud": (Xd, (yd == 2).astype(int), fd, dtr, dva),
        "p_private": (Xpo, np.concatenate([yp, np.zeros(n_ord + n_ins, dtype=int), yw]),
                      np.concatenate([fp, fd[ordinary], 1 + np.arange(n_ins) % 4, 1 + np.arange(n_w) % 4]),
                      np.concatenate([ptr, np.ones(n_extra, dtype=bool)]),
                      np.concatenate([pva, np.zeros(n_extra, dtype=bool)])),
    }
    log(f"privacy head: {n_ord} ordinary training prompts from the difficulty corpus as public rows")
    log(f"privacy head: {n_ins} bare system and style instructions (alone or before a greeting) as public rows")
    handwritten = np.array([bool(HANDWRITTEN_ORIGINAL_RE.match(r["id"])) for r in prv])
    log(f"privacy head: {int(handwritten.sum())} hand-written rows at weight {HANDWRITTEN_WEIGHT:g}")
    log(f"privacy head: {n_w} written-set rows at weight {WRITTEN_WEIGHT:g}")
    row_weight = np.where(handwritten, HANDWRITTEN_WEIGHT, 1.0)
    head_weight = {"p_private": np.concatenate([np.where((yp == 1) & left_to_rules, DETECTED_WEIGHT, row_weight),
                                                np.ones(n_ord + n_ins),
                                                np.where((yw == 1) & w_left, DETECTED_WEIGHT, WRITTEN_WEIGHT)])}
    head_scored = {"p_private": np.concatenate([~left_to_rules, np.ones(n_ord + n_ins, dtype=bool), ~w_left])}
    W = np.zeros((F.D, 3))
    V = np.zeros((F.K, 3))
    b = np.zeros(3)
    reports, val_probs = {}, {}
    for j, h in enumerate(HEADS):
        X, y, folds, tr, va = head_data[h]
        log(f"head {h}: {int(tr.sum())} train / {int(va.sum())} validation rows")
        weight, scored = head_weight.get(h), head_scored.get(h)
        if h == "p_private":
            # Bags of the training rows: their windows, renumbered among the training rows.
            tr_rank = np.cumsum(tr) - 1
            tr_windows = tr[opo]
            clf, w, b0, a, c, rep, bag_score, refit = train_bag_head(
                h, X[tr], Wpo[tr_windows], tr_rank[opo[tr_windows]], y[tr], folds[tr], weight[tr], scored[tr])
            probs = bag_score(X, Wpo, opo)
            p_ord = bag_score(Xd, Wd, od)[dva]
            # Each written set scored by the model trained without it. The written rows are the
            # last training rows, in WRITTEN_SETS order.
            t_oos = time.time()
            out_of_set = {}
            for i, name in enumerate(WRITTEN_SETS):
                keep = np.ones(int(tr.sum()), dtype=bool)
                keep[-n_w:] = wset != i
                win = wset[ow] == i
                first = int(np.argmax(wset == i))
                out_of_set[name] = refit(keep)(Xw[wset == i], Ww[win], ow[win] - first)
            log(f"  {h}: {len(WRITTEN_SETS)} written sets scored out-of-set in {time.time() - t_oos:.0f}s")
        else:
            clf, w, b0, a, c, rep = train_head(h, X[tr], y[tr], folds[tr], None if weight is None else weight[tr],
                                               None if scored is None else scored[tr])
            probs = sigmoid(a * clf.decision_function(X) + c)
        W[:, j] = a * w[: F.D]
        V[:, j] = a * w[F.D :]
        b[j] = a * b0 + c
        reports[h] = rep
        val_probs[h] = probs[va]

    # metrics on validation; the privacy head on the prompts it is for: original (not redacted)
    # prompts without a detector finding at or above FINDING_CONFIDENCE
    head_scope = {"p_private": (~red & ~detected)[pva]}
    metrics = {}
    for h in HEADS:
        X, y, folds, tr, va = head_data[h]
        scope = head_scope.get(h, np.ones(int(va.sum()), dtype=bool))
        yv, pv = y[va][scope], val_probs[h][scope]
        log(f"  {h}: validation AUC {roc_auc_score(yv, pv):.4f}")
        metrics[h] = {
            "n": int(scope.sum()),
            "positives": int(yv.sum()),
            "auc": float(roc_auc_score(yv, pv)),
            "ece": ece(yv, pv),
            "brier": float(np.mean((pv - yv) ** 2)),
            "log_loss": log_loss(yv, pv),
        }
    yv_tier = yd[dva]
    p0, p1 = val_probs["p_community_or_cloud"], val_probs["p_cloud"]
    t1, t2 = choose_tier_thresholds(yv_tier, p0, p1)
    for key, (a1, a2) in {"tiers_default": (t1, t2), "tiers_half": (0.5, 0.5)}.items():
        mat = confusion(yv_tier, tiers(p0, p1, a1, a2), 3)
        metrics[key] = {"t1": a1, "t2": a2, "matrix": mat.tolist(), "balanced_accuracy": balanced_accuracy(mat)}
    # the privacy decision on the original validation prompts
    main_va = (~red)[pva]
    ypv, pp, dv, cv = yp[pva][main_va], val_probs["p_private"][main_va], detected[pva][main_va], conf[pva][main_va]
    tp_val = choose_privacy_threshold(ypv, pp, dv)
    # The validation fold is made of template families: once the detectors read a family's
    # private rows, its threshold can rise past what prompts written one by one need. The
    # development sets' out-of-set scores hold it down.
    y_dev = np.concatenate([written[n]["y"] for n in DEV_SETS])
    p_dev = np.concatenate([out_of_set[n] for n in DEV_SETS])
    d_dev = np.concatenate([written[n]["found"] for n in DEV_SETS])
    tp_dev = choose_model_threshold(y_dev, p_dev, d_dev)
    tp = min(tp_val, tp_dev)
    metrics["privacy"] = {
        "threshold_validation": tp_val, "threshold_development": tp_dev,
        "development_left": int(((y_dev == 1) & ~d_dev).sum()),
        "development_combined_at_tp": decision_rates(y_dev, d_dev | (p_dev >= tp)),
        "rows": int(len(ypv)), "positives": int(ypv.sum()),
        "model_at_tp": decision_rates(ypv, pp >= tp),
        "detectors": decision_rates(ypv, dv),
        "combined_at_tp": decision_rates(ypv, dv | (pp >= tp)),
        "combined_at_half": decision_rates(ypv, dv | (pp >= 0.5)),
        "detectors_by_confidence": {f"{c:g}": decision_rates(ypv, cv >= c) for c in CONFIDENCE_GRID},
    }
    # the same rule on the redacted validation prompts
    red_va = red[pva]
    yr, pr, dr = yp[pva][red_va], val_probs["p_private"][red_va], detected[pva][red_va]
    pred_r = dr | (pr >= tp)
    metrics["privacy"]["redacted"] = {
        "rows": int(len(yr)), "positives": int(yr.sum()),
        "public_flagged": float(pred_r[yr == 0].mean()), "private_flagged": float(pred_r[yr == 1].mean()),
    }
    # the threshold the training folds alone would choose (out-of-fold scores)
    oof = reports["p_private"].pop("oof_probs")[: int(ptr.sum())]
    main_tr = (~red)[ptr]
    tp_oof = choose_privacy_threshold(yp[ptr][main_tr], oof[main_tr], detected[ptr][main_tr])
    metrics["privacy"]["oof_threshold"] = tp_oof
    metrics["privacy"]["combined_at_oof_threshold"] = decision_rates(ypv, dv | (pp >= tp_oof))
    # ordinary prompts: the difficulty corpus' validation rows, all public
    ord_found = dconf[dva] >= FINDING_CONFIDENCE
    ord_flagged = ord_found | (p_ord >= tp)
    metrics["privacy"]["ordinary"] = {
        "rows": int(dva.sum()), "train_rows": n_ord, "instruction_rows": n_ins,
        "flagged_at_tp": float(ord_flagged.mean()),
        "flagged_at_oof": float((ord_found | (p_ord >= tp_oof)).mean()),
        "flagged_at_half": float((ord_found | (p_ord >= 0.5)).mean()),
        "by_format": {},
    }
    ord_format = np.array([r["format"] for r in dif])[dva]
    for f in sorted(set(ord_format.tolist())):
        metrics["privacy"]["ordinary"]["by_format"][f] = [int(ord_flagged[ord_format == f].sum()),
                                                        int((ord_format == f).sum())]
    for h in HEADS[:2]:
        reports[h].pop("oof_probs")
    per_lang = {}
    for lang in sorted(set(r["lang"] for r in dif) | set(r["lang"] for r in prv)):
        per_lang[lang] = {}
        for h in HEADS:
            X, y, folds, tr, va = head_data[h]
            rows = dif if h != "p_private" else prv
            mask = np.array([r["lang"] == lang for r in rows])[va[: len(rows)]] & head_scope.get(h, True)
            yy = y[va][mask]
            per_lang[lang][h] = float(roc_auc_score(yy, val_probs[h][mask])) if 0 < yy.sum() < len(yy) else None
    metrics["per_lang"] = per_lang
    metrics["n_val_dif"] = int(dva.sum())
    metrics["n_val_prv"] = int((pva & ~red).sum())
    metrics["n_val_red"] = int((pva & red).sum())
    log(f"thresholds: t1={t1} t2={t2} t_p={tp} = min(validation {tp_val}, development {tp_dev}) "
        f"(finding confidence {FINDING_CONFIDENCE:g}); "
        f"combined validation recall {metrics['privacy']['combined_at_tp']['recall']:.4f} "
        f"fpr {metrics['privacy']['combined_at_tp']['fpr']:.4f}")

    # export and verify
    metadata = {
        "features_version": str(F.VERSION),
        "outputs": ",".join(HEADS),
        "default_thresholds": json.dumps({"t1": t1, "t2": t2, "t_p": tp, "finding_confidence": FINDING_CONFIDENCE},
                                         sort_keys=True),
    }
    export_onnx(W, V, b, MODEL_PATH, metadata)
    sess = ort_session(MODEL_PATH)
    max_diff = 0.0
    for rows, mask, heads in ((dif, dva, [0, 1]), (prv, pva, [2])):
        val_rows = [r for r, m in zip(rows, mask) if m]
        for i, r in enumerate(val_rows):
            got = ort_scores(sess, r["text"])
            for j in heads:
                want = val_probs[HEADS[j]][i]
                max_diff = max(max_diff, abs(float(got[j]) - float(want)))
    empty = sess.run(["scores"], {"idx": np.zeros(0, np.int64), "val": np.zeros((1, 0), np.float32),
                                  "dense": np.zeros((1, F.K), np.float32)})[0]
    assert empty.shape == (1, 3)
    log(f"ONNX Runtime vs scikit-learn on validation: max |diff| = {max_diff:.2e}")
    if max_diff > 1e-5:
        raise SystemExit(f"exported model disagrees with scikit-learn by {max_diff:.2e} > 1e-5")
    for name in WRITTEN_SETS + HELD_OUT_SETS:
        p = out_of_set[name] if name in out_of_set else np.array(
            [float(ort_scores(sess, r["text"])[2]) for r in written[name]["rows"]])
        metrics["privacy"][name] = holdout_report(written[name], p, tp)
        log(f"{name}: combined recall {metrics['privacy'][name]['combined_at_tp']['recall']:.3f} "
            f"fpr {metrics['privacy'][name]['combined_at_tp']['fpr']:.3f}")

    model_bytes = MODEL_PATH.read_bytes()
    dif_labels = Counter(r["label"] for r in dif)
    prv_labels = Counter(r["label"] for r in prv)
    prior_text = (
        f"difficulty {dif_labels[0] / len(dif):.0%} / {dif_labels[1] / len(dif):.0%} / {dif_labels[2] / len(dif):.0%} "
        f"edge / community / cloud, privacy {prv_labels[1] / len(prv):.0%} private"
    )
    write_card(CARD_PATH, {
        "dif_rows": dif, "prv_rows": prv, "metrics": metrics, "t1": t1, "t2": t2, "tp": tp,
        "reports": reports, "max_diff": max_diff, "model_bytes": len(model_bytes),
        "model_sha": hashlib.sha256(model_bytes).hexdigest(),
        "n_templates_dif": len({r["group"] for r in dif}),
        "n_templates_prv": len({r["group"] for r in prv if re.match(r"prv-[a-z]+-\d-t", r["group"])}),
        "n_templates_extra": len({r["group"] for r in prv if re.match(r"prv-[a-z]+-\de-t", r["group"])}),
        "prv_main": prv_main, "prv_red": prv_red,
        "n_twins": len({r["group"] for r in prv if re.match(r"prv-[a-z]+-\dx-t", r["group"])}),
        "n_generic": len({r["group"] for r in prv if re.match(r"prv-[a-z]+-\dg\d-t", r["group"])}),
        "n_handwritten": sum(1 for r in prv_main if HANDWRITTEN_RE.match(r["id"])),
        "n_handwritten_private": sum(1 for r in prv_main
                                     if HANDWRITTEN_RE.match(r["id"]) and r["label"] == 1),
        "prior_text": prior_text,
    })
    (OUT / "metrics.json").write_text(json.dumps({"metrics": metrics, "reports": reports, "max_diff": max_diff,
                                                  "thresholds": {"t1": t1, "t2": t2, "t_p": tp,
                                                                 "finding_confidence": FINDING_CONFIDENCE}},
                                                 indent=2))
    log(f"wrote {MODEL_PATH} ({len(model_bytes):,} bytes) and {CARD_PATH} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
