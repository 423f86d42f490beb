package converge.rules.terraform.aws_alb_listener_tls_policy_outdated_test

import rego.v1

import data.converge.rules.terraform.aws_alb_listener_tls_policy_outdated as rule

test_old_and_default_policies_are_reported if {
	doc := {"resource": {
		"aws_lb_listener": {"a": {"protocol": "HTTPS"}},
		"aws_alb_listener": {"b": {"protocol": "TLS", "ssl_policy": "ELBSecurityPolicy-2016-08"}},
	}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_alb_listener", "b", "ssl_policy"]
}

test_modern_policies_plain_listeners_and_expressions_are_clean if {
	doc := {"resource": {"aws_lb_listener": {
		"a": {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
		"b": {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-FS-1-2-Res-2020-10"},
		"c": {"protocol": "TCP"},
		"d": {"protocol": "HTTPS", "ssl_policy": "${var.ssl_policy}"},
		"e": {"protocol": "${var.protocol}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
