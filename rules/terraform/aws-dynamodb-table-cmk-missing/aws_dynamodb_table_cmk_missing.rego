# METADATA
# title: DynamoDB table is not encrypted with a customer managed KMS key
# description: |
#   DynamoDB always encrypts tables, by default with a key owned by AWS that you cannot see,
#   audit or revoke. A customer managed KMS key makes reads of the table depend on a key policy
#   you control, logs every use of the key in CloudTrail, and lets the key be disabled to cut
#   off access.
# related_resources:
#   - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
# custom:
#   id: aws-dynamodb-table-cmk-missing
#   target: terraform
#   severity: low
#   checkov: [CKV_AWS_119]
package converge.rules.terraform.aws_dynamodb_table_cmk_missing

import rego.v1

import data.converge.lib.terraform as tf

# checkov wants `enabled = true` and a `kms_key_arn`.
customer_key(body) if {
	sse := tf.first_block(body, "server_side_encryption")
	tf.is_true(sse.enabled)
	sse.kms_key_arn != null
}

customer_key(body) if tf.is_expression(tf.first_block(body, "server_side_encryption").enabled)

findings contains f if {
	some table in tf.live_resources("aws_dynamodb_table")
	not customer_key(table.body)
	f := {
		"msg": sprintf("aws_dynamodb_table.%s is not encrypted with a customer managed KMS key", [table.name]),
		"route": array.concat(table.route, ["server_side_encryption", 0, "kms_key_arn"]),
	}
}
