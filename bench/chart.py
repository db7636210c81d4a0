"""Draw the benchmark chart: quality per system, time per document per path, and the ablation."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only; no display on CI or a server
import matplotlib.pyplot as plt

COLORS = {"trafilatura alone": "#9e9e9e", "newsclean": "#1f77b4"}
METRICS = ("precision", "recall", "f1")
DATASET_LABELS = {"scrapinghub": "scrapinghub (shingles)", "trafeval-dev": "trafeval-dev (segments)"}


def _quality(ax, scores: dict[str, dict[str, dict[str, float]]]) -> None:
    labels, positions = [], []
    width = 0.38
    x = 0.0
    lows = []
    for dataset, by_system in scores.items():
        for metric in METRICS:
            for k, system in enumerate(COLORS):
                value = by_system[system][metric]
                lows.append(value)
                bar = ax.bar(
                    x + (k - 0.5) * width, value, width, color=COLORS[system], label=system if not positions else None
                )
                ax.bar_label(bar, labels=[f"{value:.3f}"], fontsize=7, rotation=90, padding=2)
            labels.append(f"{metric[:1].upper() if metric != 'f1' else 'F1'}\n{dataset.split('-')[0]}")
            positions.append(x)
            x += 1
        x += 0.5
    ax.set_xticks(positions, labels, fontsize=8)
    ax.set_ylim(max(0.0, min(lows) - 0.06), 1.02)
    ax.set_title("Quality (higher is better)")
    ax.legend(loc="lower left", fontsize=8)


def _timing(ax, ms_per_doc: dict[str, dict[str, float]], ratio_text: str) -> None:
    paths = list(next(iter(ms_per_doc.values())))
    datasets = list(ms_per_doc)
    height = 0.8 / len(datasets)
    colors = ("#9e9e9e", "#1f77b4", "#2ca02c")
    for d, dataset in enumerate(datasets):
        for p, path in enumerate(paths):
            value = ms_per_doc[dataset][path]
            bar = ax.barh(
                p + (d - (len(datasets) - 1) / 2) * height,
                value,
                height,
                color=colors[p],
                alpha=1.0 if d == 0 else 0.6,
                edgecolor="black",
                linewidth=0.3,
            )
            ax.bar_label(bar, labels=[f"{value:.1f} ms ({dataset.split('-')[0]})"], fontsize=7, padding=2)
    ax.set_yticks(
        range(len(paths)), [p.replace(" (HTML)", "\n(HTML)").replace(" on ", "\non ") for p in paths], fontsize=8
    )
    ax.invert_yaxis()
    ax.set_xlabel("ms per document (median of passes)")
    ax.set_xlim(0, max(v for row in ms_per_doc.values() for v in row.values()) * 1.45)
    ax.set_title("Time per document (lower is better)")
    ax.text(
        0.98,
        0.03,
        ratio_text,
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=8,
        bbox={"facecolor": "white", "edgecolor": "#cccccc"},
    )


def _ablation(ax, deltas: dict[str, dict[str, float]]) -> None:
    datasets = list(deltas)
    cleaners = list(dict.fromkeys(c for row in deltas.values() for c in row))  # pipeline order
    height = 0.8 / len(datasets)
    colors = ("#1f77b4", "#ff7f0e")
    for d, dataset in enumerate(datasets):
        values = [deltas[dataset].get(c, 0.0) for c in cleaners]
        ax.barh(
            [i + (d - (len(datasets) - 1) / 2) * height for i in range(len(cleaners))],
            values,
            height,
            color=colors[d % 2],
            label=dataset,
        )
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_yticks(range(len(cleaners)), cleaners, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("F1 with the cleaner minus F1 without it")
    ax.set_title("What each cleaner buys (F1 delta)")
    ax.legend(fontsize=8, loc="lower right")


def draw(path: Path, scores, ms_per_doc, ratio_text: str, f1_deltas) -> None:
    fig, axes = plt.subplots(1, 3, figsize=(17, 5.2), gridspec_kw={"width_ratios": [1.3, 1.1, 1.0]})
    _quality(axes[0], scores)
    _timing(axes[1], ms_per_doc, ratio_text)
    _ablation(axes[2], f1_deltas)
    fig.suptitle("newsclean vs trafilatura alone, measured in the same run", fontsize=12)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
