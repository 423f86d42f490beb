# METADATA
# title: CloudWatch log group is not encrypted with a KMS key
# description: |
#   Without a KMS key, log events are encrypted with keys CloudWatch Logs manages, so anyone with
#   logs:GetLogEvents can read them. With a KMS key, reading also needs permission on the key,
#   every use of the key is logged in CloudTrail, and the key can be disabled to cut off access
#   to logs that often hold tokens, personal data or internal hostnames.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
# custom:
#   id: aws-cloudwatch-log-group-kms-key-missing
#   target: terraform
#   severity: low
#   checkov: [CKV_AWS_158]
package converge.rules.terraform.aws_cloudwatch_log_group_kms_key_missing

import rego.v1

import data.converge.lib.terraform as tf

# checkov accepts any non-empty value, including expressions.
has_key(body) if {
	is_string(body.kms_key_id)
	body.kms_key_id != ""
}

findings contains f if {
	some group in tf.live_resources("aws_cloudwatch_log_group")
	not has_key(group.body)
	f := {
		"msg": sprintf("aws_cloudwatch_log_group.%s is not encrypted with a KMS key", [group.name]),
		"route": array.concat(group.route, ["kms_key_id"]),
	}
}
