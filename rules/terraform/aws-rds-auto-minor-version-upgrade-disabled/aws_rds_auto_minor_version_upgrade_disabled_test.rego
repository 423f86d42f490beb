package converge.rules.terraform.aws_rds_auto_minor_version_upgrade_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_rds_auto_minor_version_upgrade_disabled as rule

test_disabled_and_missing_are_reported_with_their_case if {
	doc := {"resource": {
		"aws_db_instance": {"off": {"auto_minor_version_upgrade": false}},
		"aws_rds_cluster_instance": {"unset": {}},
	}}
	count(rule.findings) == 2 with input as doc
	some off in rule.findings with input as doc
	off.route == ["resource", "aws_db_instance", "off", "auto_minor_version_upgrade"]
	off.case == "disabled"
	some unset in rule.findings with input as doc
	unset.route == ["resource", "aws_rds_cluster_instance", "unset", "auto_minor_version_upgrade"]
	unset.case == "missing"
}

test_enabled_and_expressions_are_clean if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"auto_minor_version_upgrade": true},
		"b": {"auto_minor_version_upgrade": "${var.auto_upgrade}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
