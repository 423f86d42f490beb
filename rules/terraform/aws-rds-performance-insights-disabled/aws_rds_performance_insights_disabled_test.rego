package converge.rules.terraform.aws_rds_performance_insights_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_rds_performance_insights_disabled as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"engine": "postgres", "instance_class": "db.t3.micro"},
		"b": {"engine": "mysql", "instance_class": "db.m6g.large", "performance_insights_enabled": false},
		"c": {"engine": "mysql", "instance_class": "${var.class}"},
	}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "aws_db_instance", "a", "performance_insights_enabled"],
		["resource", "aws_db_instance", "b", "performance_insights_enabled"],
		["resource", "aws_db_instance", "c", "performance_insights_enabled"],
	}
}

test_enabled_unknown_and_unsupported_are_clean if {
	doc := {"resource": {"aws_db_instance": {
		"on": {"engine": "postgres", "performance_insights_enabled": true},
		"var": {"engine": "postgres", "performance_insights_enabled": "${var.pi}"},
		"small": {"engine": "mariadb", "instance_class": "db.t4g.small"},
		"db2": {"engine": "db2-se", "instance_class": "db.m6i.large"},
		"inherited": {"engine": "${aws_rds_cluster.main.engine}", "instance_class": "db.t3.small"},
		"off": {"engine": "postgres", "count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_aurora_cluster_instances_are_checked if {
	doc := {"resource": {"aws_rds_cluster_instance": {
		"a": {"engine": "${aws_rds_cluster.main.engine}", "instance_class": "db.r6g.large"},
		"b": {"engine": "aurora-postgresql", "instance_class": "db.r6g.large", "performance_insights_enabled": true},
	}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {["resource", "aws_rds_cluster_instance", "a", "performance_insights_enabled"]}
}
