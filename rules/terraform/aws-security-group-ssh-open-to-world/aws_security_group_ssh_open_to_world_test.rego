package converge.rules.terraform.aws_security_group_ssh_open_to_world_test

import rego.v1

import data.converge.rules.terraform.aws_security_group_ssh_open_to_world as rule

test_open_ingress_blocks_and_rules_are_reported if {
	doc := {"resource": {
		"aws_security_group": {"sg": {"ingress": [
			{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
			{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
		]}},
		"aws_security_group_rule": {"r": {"type": "ingress", "from_port": 0, "to_port": 0, "protocol": "-1", "ipv6_cidr_blocks": ["::/0"]}},
		"aws_vpc_security_group_ingress_rule": {"v": {"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/0"}},
	}}
	count(rule.findings) == 3 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_security_group", "sg", "ingress", 1, "cidr_blocks"]
}

test_restricted_self_egress_and_other_ports_are_clean if {
	doc := {"resource": {
		"aws_security_group": {
			"a": {"ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"]}]},
			"b": {"ingress": [{"from_port": 22, "to_port": 22, "protocol": "tcp", "self": true, "cidr_blocks": ["0.0.0.0/0"]}]},
		},
		"aws_security_group_rule": {
			"e": {"type": "egress", "from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]},
			"w": {"type": "ingress", "from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
			"x": {"type": "ingress", "from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": "${var.admin_cidrs}"},
		},
	}}
	count(rule.findings) == 0 with input as doc
}
