# METADATA
# title: CloudWatch log group keeps logs for less than a year
# description: |
#   Logs deleted after a few days or weeks are gone when an incident is discovered months later,
#   and many audit frameworks require a year of logs. As checkov does, a log group without
#   `retention_in_days` is reported too: it never expires its logs, but does not say so.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
# custom:
#   id: aws-cloudwatch-log-retention-too-short
#   target: terraform
#   severity: low
#   checkov: [CKV_AWS_338]
package converge.rules.terraform.aws_cloudwatch_log_retention_too_short

import rego.v1

import data.converge.lib.terraform as tf

minimum := 365

findings contains f if {
	some group in tf.live_resources("aws_cloudwatch_log_group")
	not "retention_in_days" in object.keys(group.body)
	f := {
		"msg": sprintf("aws_cloudwatch_log_group.%s does not set retention_in_days", [group.name]),
		"route": array.concat(group.route, ["retention_in_days"]),
		"case": "missing",
	}
}

# 0 means "never expire".
findings contains f if {
	some group in tf.live_resources("aws_cloudwatch_log_group")
	days := group.body.retention_in_days
	is_number(days)
	days != 0
	days < minimum
	f := {
		"msg": sprintf("aws_cloudwatch_log_group.%s keeps logs for %d days (minimum %d)", [group.name, days, minimum]),
		"route": array.concat(group.route, ["retention_in_days"]),
		"case": "short",
	}
}
