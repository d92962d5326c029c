"""Cost per million articles from measured figures, beside Amazon Comprehend's price for the same text.

Pure arithmetic; every input that was not measured is named as an assumption in the output.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

PRICES = {
    "as_of": "us-east-1 list prices (arm64 Lambda; DynamoDB on-demand after the 2024-11-01 price cut), "
    "as given to this benchmark; not fetched at run time, check aws.amazon.com/pricing before quoting",
    "lambda_gb_second_arm64": 0.0000133334,
    "lambda_per_million_requests": 0.20,
    "sqs_per_million_requests": 0.40,
    "dynamodb_per_million_wru": 0.625,
    "s3_get_per_thousand": 0.0004,
    "comprehend_per_unit": 0.0001,
}
COMPREHEND_UNIT_CHARS = 100
COMPREHEND_MIN_UNITS = 3
FULL_VCPU_MB = 1769
"""Lambda gives one full vCPU at 1,769 MB; below that, CPU time stretches in proportion (AWS docs)."""
MILLION = 1_000_000


@dataclass(frozen=True)
class CostInputs:
    memory_mb: int
    """MemorySize of the ingest function in template.yaml."""
    batch_size: int
    """SQS event source BatchSize: articles per invocation."""
    compute_ms_per_article: float
    """Measured warm pipeline median on this machine for the article size."""
    io_ms_per_article: float
    """Assumed (not measured here: no AWS): S3 GET + DynamoDB writes wait time per article."""
    wru_per_article: float
    article_chars: int


def comprehend_units(chars: int) -> int:
    return max(COMPREHEND_MIN_UNITS, math.ceil(chars / COMPREHEND_UNIT_CHARS))


def lambda_ms_per_article(inputs: CostInputs) -> float:
    cpu_stretch = max(1.0, FULL_VCPU_MB / inputs.memory_mb)
    return inputs.compute_ms_per_article * cpu_stretch + inputs.io_ms_per_article


def cost_per_million(inputs: CostInputs) -> dict[str, Any]:
    invocations = MILLION / inputs.batch_size
    billed_seconds = MILLION * lambda_ms_per_article(inputs) / 1000
    lambda_compute = billed_seconds * inputs.memory_mb / 1024 * PRICES["lambda_gb_second_arm64"]
    lambda_requests = invocations / MILLION * PRICES["lambda_per_million_requests"]
    # S3 sends one message per object; the event source mapping receives and deletes per batch.
    sqs_requests = MILLION + 2 * invocations
    sqs = sqs_requests / MILLION * PRICES["sqs_per_million_requests"]
    dynamodb = inputs.wru_per_article * PRICES["dynamodb_per_million_wru"]
    s3_get = MILLION / 1000 * PRICES["s3_get_per_thousand"]
    ours = {
        "lambda_compute": round(lambda_compute, 2),
        "lambda_requests": round(lambda_requests, 2),
        "sqs": round(sqs, 2),
        "dynamodb_writes": round(dynamodb, 2),
        "s3_get": round(s3_get, 2),
    }
    units = comprehend_units(inputs.article_chars)
    comprehend = (
        2 * units * PRICES["comprehend_per_unit"] * MILLION
    )  # DetectDominantLanguage + DetectEntities
    total = round(sum(ours.values()), 2)
    return {
        "inputs": asdict(inputs),
        "lambda_billed_ms_per_article": round(lambda_ms_per_article(inputs), 2),
        "sqs_requests": int(sqs_requests),
        "per_million_usd": {**ours, "total": total},
        "comprehend_per_million_usd": round(comprehend, 2),
        "comprehend_units_per_request": units,
        "comprehend_vs_ours": round(comprehend / total, 1) if total else None,
        "prices": PRICES,
        "not_included": "free tiers, cold starts, CloudWatch Logs/X-Ray, DynamoDB reads of the index sync and "
        "the API, storage, S3 PUTs by the uploader, data transfer",
    }
