-- The history of a service request is append-only, like the audit log.
CREATE TRIGGER service_request_events_append_only BEFORE UPDATE OR DELETE ON service_request_events
  FOR EACH ROW EXECUTE FUNCTION aixin_refuse_change();
