package converge.rules.terraform.aws_alb_listener_http_not_redirected_test

import rego.v1

import data.converge.rules.terraform.aws_alb_listener_http_not_redirected as rule

with_module(doc) := object.union(doc, {"__converge": {"module": {"resource": doc.resource}}})

test_http_and_default_protocol_listeners_are_reported if {
	forward := [{"type": "forward", "target_group_arn": "${aws_lb_target_group.web.arn}"}]
	doc := {"resource": {
		"aws_lb_listener": {"a": {"port": 80, "protocol": "HTTP", "default_action": forward}},
		"aws_alb_listener": {"b": {"port": 8080, "default_action": forward}},
	}}
	count(rule.findings) == 2 with input as with_module(doc)
	some f in rule.findings with input as with_module(doc)
	f.route == ["resource", "aws_lb_listener", "a", "protocol"]
}

test_redirects_https_gateways_and_expressions_are_clean if {
	redirect := [{"type": "redirect", "redirect": [{"port": "443", "protocol": "HTTPS", "status_code": "HTTP_301"}]}]
	doc := {"resource": {
		"aws_lb": {"gw": {"load_balancer_type": "gateway"}},
		"aws_lb_listener": {
			"a": {"protocol": "HTTP", "default_action": redirect},
			"b": {"protocol": "HTTPS"},
			"c": {"protocol": "${var.protocol}"},
			"d": {"load_balancer_arn": "${aws_lb.gw.arn}"},
		},
	}}
	count(rule.findings) == 0 with input as with_module(doc)
}
