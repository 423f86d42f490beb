package converge.rules.terraform.aws_sqs_queue_unencrypted_test

import rego.v1

import data.converge.rules.terraform.aws_sqs_queue_unencrypted as rule

test_unencrypted_queues_are_reported if {
	doc := {"resource": {"aws_sqs_queue": {
		"a": {},
		"b": {"sqs_managed_sse_enabled": false},
		"c": {"kms_master_key_id": ""},
	}}}
	count(rule.findings) == 3 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_sqs_queue", "b", "sqs_managed_sse_enabled"]
	f.case == "unencrypted"
	some g in rule.findings with input as doc
	g.route == ["resource", "aws_sqs_queue", "c", "sqs_managed_sse_enabled"]
	g.case == "kms_key_empty"
}

test_sse_sqs_kms_and_expressions_are_clean if {
	doc := {"resource": {"aws_sqs_queue": {
		"a": {"sqs_managed_sse_enabled": true},
		"b": {"kms_master_key_id": "alias/aws/sqs"},
		"c": {"sqs_managed_sse_enabled": "${var.sse}"},
		"d": {"sqs_managed_sse_enabled": false, "kms_master_key_id": "${aws_kms_key.q.arn}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
