package converge.rules.terraform.aws_dynamodb_table_cmk_missing_test

import rego.v1

import data.converge.rules.terraform.aws_dynamodb_table_cmk_missing as rule

test_default_and_aws_managed_keys_are_reported if {
	doc := {"resource": {"aws_dynamodb_table": {
		"a": {},
		"b": {"server_side_encryption": [{"enabled": true}]},
		"c": {"server_side_encryption": [{"enabled": false, "kms_key_arn": "${aws_kms_key.t.arn}"}]},
	}}}
	count(rule.findings) == 3 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_dynamodb_table", "b", "server_side_encryption", 0, "kms_key_arn"]
}

test_customer_keys_and_expressions_are_clean if {
	doc := {"resource": {"aws_dynamodb_table": {
		"a": {"server_side_encryption": [{"enabled": true, "kms_key_arn": "${aws_kms_key.t.arn}"}]},
		"b": {"server_side_encryption": [{"enabled": "${var.sse}", "kms_key_arn": "${var.key}"}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
