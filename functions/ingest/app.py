"""Ingest function: SQS messages carrying S3 notifications -> articles in DynamoDB.

Each SQS record succeeds or fails alone (``ReportBatchItemFailures``): a transient error fails
only its record, SQS redelivers it, and after the queue's maxReceiveCount it lands in the DLQ.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from articles.ingest import Ingestor, parse_notification
from articles.log_privacy import PrivateLogFormatter

# Every articles.* logger writes through this formatter: exception messages that may quote article
# text are withheld (articles/log_privacy.py).
logger = Logger(logger_formatter=PrivateLogFormatter())
tracer = Tracer()
metrics = Metrics()
processor = BatchProcessor(event_type=EventType.SQS)
ingestor = Ingestor.from_environment()


@tracer.capture_method
def record_handler(record: SQSRecord) -> None:
    for event in parse_notification(record.body):
        logger.set_correlation_id(event.key)
        outcome = ingestor.handle(event)
        logger.info(
            "object event handled",
            extra={"event_kind": event.kind, "outcome": outcome.value, "bucket": event.bucket},
        )
        metrics.add_metric(name=outcome.value, unit=MetricUnit.Count, value=1)


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    return process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
