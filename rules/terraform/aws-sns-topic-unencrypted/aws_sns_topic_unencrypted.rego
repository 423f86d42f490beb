# METADATA
# title: SNS topic is not encrypted at rest
# description: |
#   Without a KMS key, SNS stores the messages of the topic unencrypted until they are delivered.
#   Messages often carry personal data, alerts with hostnames, or signed URLs.
# related_resources:
#   - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
# custom:
#   id: aws-sns-topic-unencrypted
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_26]
package converge.rules.terraform.aws_sns_topic_unencrypted

import rego.v1

import data.converge.lib.terraform as tf

# checkov accepts any non-empty value, including expressions.
encrypted(body) if {
	key := body.kms_master_key_id
	is_string(key)
	key != ""
}

findings contains f if {
	some topic in tf.live_resources("aws_sns_topic")
	not encrypted(topic.body)
	f := {
		"msg": sprintf("aws_sns_topic.%s is not encrypted at rest (no kms_master_key_id)", [topic.name]),
		"route": array.concat(topic.route, ["kms_master_key_id"]),
	}
}
