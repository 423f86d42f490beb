# METADATA
# title: Application load balancer forwards invalid HTTP headers
# description: |
#   By default an application load balancer passes header fields whose names are not valid HTTP
#   tokens on to the targets. Such headers are a building block of request smuggling and
#   header-injection attacks against back ends that parse them differently from the load
#   balancer. Network and gateway load balancers, and load balancers whose type is an
#   expression, are not reported.
# related_resources:
#   - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes
# custom:
#   id: aws-alb-invalid-headers-kept
#   target: terraform
#   severity: medium
#   checkov: [CKV_AWS_131]
package converge.rules.terraform.aws_alb_invalid_headers_kept

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some kind in ["aws_lb", "aws_alb"]
	some r in tf.live_resources(kind)
	application(r.body)
	tf.bool_not_true(r.body, "drop_invalid_header_fields")
	f := {
		"msg": sprintf("%s.%s forwards HTTP headers with invalid names to its targets", [kind, r.name]),
		"route": array.concat(r.route, ["drop_invalid_header_fields"]),
	}
}

# The attribute exists only on application load balancers, the default type.
application(body) if object.get(body, "load_balancer_type", "application") == "application"
