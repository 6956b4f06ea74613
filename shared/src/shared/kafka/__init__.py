"""Kafka clients configured for both the embedded Tansu broker and Apache Kafka."""
