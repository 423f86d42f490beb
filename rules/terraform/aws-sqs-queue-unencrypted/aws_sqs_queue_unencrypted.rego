# METADATA
# title: SQS queue is not encrypted at rest
# description: |
#   Without server-side encryption, SQS stores the messages of the queue unencrypted until they
#   are consumed or expire. SQS-managed encryption (SSE-SQS) costs nothing and needs no key
#   policy; a KMS key (SSE-KMS) gives control over who can decrypt.
# related_resources:
#   - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
# custom:
#   id: aws-sqs-queue-unencrypted
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_27]
package converge.rules.terraform.aws_sqs_queue_unencrypted

import rego.v1

import data.converge.lib.terraform as tf

# checkov takes any truthy value, expressions included, as encryption.
truthy(v) if v == true

truthy(v) if {
	is_string(v)
	not v in {"", "false"}
}

encrypted(body) if truthy(body.sqs_managed_sse_enabled)

encrypted(body) if truthy(body.kms_master_key_id)

findings contains f if {
	some queue in tf.live_resources("aws_sqs_queue")
	not encrypted(queue.body)
	f := {
		"msg": sprintf("aws_sqs_queue.%s is not encrypted at rest", [queue.name]),
		"route": array.concat(queue.route, ["sqs_managed_sse_enabled"]),
		"case": case(queue.body),
	}
}

# An empty or null kms_master_key_id conflicts with sqs_managed_sse_enabled and must go first.
case(body) := "kms_key_empty" if "kms_master_key_id" in object.keys(body)

else := "unencrypted"
