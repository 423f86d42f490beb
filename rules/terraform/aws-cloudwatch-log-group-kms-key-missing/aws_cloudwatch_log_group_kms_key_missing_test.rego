package converge.rules.terraform.aws_cloudwatch_log_group_kms_key_missing_test

import rego.v1

import data.converge.rules.terraform.aws_cloudwatch_log_group_kms_key_missing as rule

test_missing_and_empty_keys_are_reported if {
	doc := {"resource": {"aws_cloudwatch_log_group": {"a": {}, "b": {"kms_key_id": ""}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_cloudwatch_log_group", "a", "kms_key_id"]
}

test_keys_are_clean if {
	doc := {"resource": {"aws_cloudwatch_log_group": {"a": {"kms_key_id": "${aws_kms_key.logs.arn}"}}}}
	count(rule.findings) == 0 with input as doc
}
