package converge.rules.terraform.aws_lambda_tracing_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_lambda_tracing_disabled as rule

test_missing_block_and_mode_are_reported if {
	doc := {"resource": {"aws_lambda_function": {"a": {}, "b": {"tracing_config": [{}]}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_lambda_function", "a", "tracing_config", 0, "mode"]
}

test_active_pass_through_and_expressions_are_clean if {
	doc := {"resource": {"aws_lambda_function": {
		"a": {"tracing_config": [{"mode": "Active"}]},
		"b": {"tracing_config": [{"mode": "PassThrough"}]},
		"c": {"tracing_config": [{"mode": "${var.tracing_mode}"}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
