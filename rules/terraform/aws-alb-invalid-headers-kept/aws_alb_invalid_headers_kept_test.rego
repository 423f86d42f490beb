package converge.rules.terraform.aws_alb_invalid_headers_kept_test

import rego.v1

import data.converge.rules.terraform.aws_alb_invalid_headers_kept as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_lb": {"a": {}, "b": {"drop_invalid_header_fields": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_lb", "b", "drop_invalid_header_fields"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_lb": {
		"a": {"drop_invalid_header_fields": true},
		"b": {"drop_invalid_header_fields": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_network_gateway_and_unknown_types_are_skipped if {
	doc := {"resource": {
		"aws_lb": {"n": {"load_balancer_type": "network"}, "g": {"load_balancer_type": "gateway"}, "v": {"load_balancer_type": "${var.type}"}},
		"aws_alb": {"a": {"load_balancer_type": "application"}},
	}}
	count(rule.findings) == 1 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_alb", "a", "drop_invalid_header_fields"]
}
