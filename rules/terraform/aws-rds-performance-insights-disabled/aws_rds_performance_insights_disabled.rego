# METADATA
# title: RDS DB instance does not enable Performance Insights
# description: |
#   Without Performance Insights, the database load cannot be broken down by query, wait event
#   or client after the fact, so a slowdown or an unusual workload is hard to explain. DB
#   instances and Aurora cluster instances are checked. As checkov does, MySQL and MariaDB
#   instances of the micro and small burstable classes, which do not support it, and Db2
#   instances are not reported; neither are instances of those classes whose engine is an
#   expression (often inherited from the cluster), which may be MySQL.
# related_resources:
#   - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.Engines.html
# custom:
#   id: aws-rds-performance-insights-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AWS_353]
package converge.rules.terraform.aws_rds_performance_insights_disabled

import rego.v1

import data.converge.lib.terraform as tf

_small_classes := {"db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"}

unsupported(body) if {
	mysql_like(body.engine)
	body.instance_class in _small_classes
}

mysql_like(engine) if engine in {"mysql", "mariadb"}

mysql_like(engine) if tf.is_expression(engine)

unsupported(body) if body.engine in {"db2-se", "db2-ae"}

findings contains f if {
	some kind in ["aws_db_instance", "aws_rds_cluster_instance"]
	some r in tf.live_resources(kind)
	not unsupported(r.body)
	tf.bool_not_true(r.body, "performance_insights_enabled")
	f := {
		"msg": sprintf("%s.%s does not enable Performance Insights", [kind, r.name]),
		"route": array.concat(r.route, ["performance_insights_enabled"]),
	}
}
