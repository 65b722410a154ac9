-- | Type checking of parsed statements against a schema.
module Lensql.TypeCheck
  ( typeCheck
  , inferExpr
  , inferCoalesce
  , aggregateType
  , unifyNullability
  , resolveColumn
  , Scope
  ) where

import Data.List (nub)
import qualified Data.Map.Strict as Map

import Lensql.Syntax
import Lensql.Types

-- | Columns in scope: (table alias, column, came from the optional side of an outer join).
type Scope = [(String, Column)]

typeCheck :: Schema -> Statement -> Either LensqlError [Column]
typeCheck schema stmt = case stmt of
  Select items from _ -> do
    scope <- concat <$> traverse (scopeOf schema) from
    concat <$> traverse (selectItem scope) items
  Insert t _ _ ret -> do
    tbl <- lookupTable schema t
    let scope = [(t, c) | c <- tableColumns tbl]
    concat <$> traverse (selectItem scope) ret
  Update t _ _ -> lookupTable schema t >> pure []
  Delete t _ _ -> lookupTable schema t >> pure []

lookupTable :: Schema -> String -> Either LensqlError Table
lookupTable schema t = maybe (Left (UnknownTable t)) Right (Map.lookup t schema)

selectItem :: Scope -> SelectItem -> Either LensqlError [Column]
selectItem scope item = case item of
  Star -> pure (map snd scope)
  QualifiedStar t -> pure [c | (a, c) <- scope, a == t]
  SelectExpr e alias -> do
    (ty, nullable) <- inferExpr scope e
    pure [Column (maybe (exprName e) id alias) ty nullable]
  where
    exprName (ColumnRef _ c) = c
    exprName (FunCall f _) = f
    exprName CountStar = "count"
    exprName _ = "?column?"

scopeOf :: Schema -> FromItem -> Either LensqlError Scope
scopeOf schema item = case item of
  FromTable t alias -> do
    tbl <- lookupTable schema t
    pure [(maybe t id alias, c) | c <- tableColumns tbl]
  FromJoin kind l r cond -> do
    ls <- scopeOf schema l
    rs <- scopeOf schema r
    let (ls2, rs2) = unifyNullability kind ls rs
    pure (mergeJoined cond ls2 rs2)

-- | Columns of the optional side of an outer join become nullable.
unifyNullability :: JoinKind -> Scope -> Scope -> (Scope, Scope)
unifyNullability kind ls rs = case kind of
  LeftJoin -> (ls, nullable rs)
  RightJoin -> (nullable ls, rs)
  FullJoin -> (nullable ls, nullable rs)
  _ -> (ls, rs)
  where
    nullable = map (\(a, c) -> (a, c { colNullable = True }))

-- | NATURAL joins expose each common column once.
mergeJoined :: JoinCond -> Scope -> Scope -> Scope
mergeJoined cond ls rs = case cond of
  Natural ->
    let common = [colName c | (_, c) <- ls, colName c `elem` [colName d | (_, d) <- rs]]
    in ls ++ [(a, c) | (a, c) <- rs, colName c `notElem` common]
  _ -> ls ++ rs

-- | Find a column by optional qualifier.
resolveColumn :: Scope -> Maybe String -> String -> Either LensqlError Column
resolveColumn scope qual name =
  case [(a, c) | (a, c) <- scope, colName c == name, maybe True (== a) qual] of
    [(_, c)] -> Right c
    [] -> Left (UnknownColumn name (maybe "?" id qual))
    many -> Left (AmbiguousColumn name (nub [a ++ "." ++ name | (a, _) <- many]))

inferExpr :: Scope -> Expr -> Either LensqlError (SqlType, Bool)
inferExpr scope expr = case expr of
  ColumnRef q c -> do
    col <- resolveColumn scope q c
    pure (colType col, colNullable col)
  IntLit _ -> pure (SqlInt, False)
  StrLit _ -> pure (SqlText, False)
  NullLit -> pure (SqlText, True)
  Param _ -> pure (SqlText, False)
  Cast e ty -> do
    (_, n) <- inferExpr scope e
    pure (maybe SqlText id (mapSqlType ty), n)
  BinOp op a b
    | op `elem` ["=", "<>", "!=", "<", "<=", ">", ">=", "AND", "OR"] -> do
        (_, na) <- inferExpr scope a
        (_, nb) <- inferExpr scope b
        pure (SqlBool, na || nb)
    | op == "||" -> pure (SqlText, False)
    | otherwise -> do
        (ta, na) <- inferExpr scope a
        (tb, nb) <- inferExpr scope b
        pure (widen ta tb, na || nb)
  Like _ a _ _ -> do
    (_, n) <- inferExpr scope a
    pure (SqlBool, n)
  IsNull _ _ -> pure (SqlBool, False)
  CountStar -> pure (aggregateType "count" SqlInt, False)
  FunCall f args
    | f `elem` ["coalesce", "COALESCE"] -> traverse (inferExpr scope) args >>= inferCoalesce
    | f `elem` aggregates -> do
        (t, n) <- case args of
          (a : _) -> inferExpr scope a
          [] -> pure (SqlInt, False)
        pure (aggregateType f t, n || f /= "count")
    | otherwise -> pure (SqlText, True)
  where
    aggregates = ["count", "sum", "avg", "min", "max"]

-- | COALESCE: the widest argument type.  The result is nullable when any
-- argument is nullable.
inferCoalesce :: [(SqlType, Bool)] -> Either LensqlError (SqlType, Bool)
inferCoalesce [] = Left (ParseError "<query>" 0 0 "coalesce needs at least one argument")
inferCoalesce args =
  pure (foldr1 widen (map fst args), any snd args)

widen :: SqlType -> SqlType -> SqlType
widen a b
  | a == b = a
  | a `elem` ints && b `elem` ints = if rank a >= rank b then a else b
  | otherwise = a
  where
    ints = [SqlSmallInt, SqlInt, SqlBigInt]
    rank SqlSmallInt = 0 :: Int
    rank SqlInt = 1
    rank _ = 2

-- | Result type of an aggregate applied to an argument of the given type.
aggregateType :: String -> SqlType -> SqlType
aggregateType f t = case f of
  "count" -> SqlInt
  "avg" -> SqlDouble
  _ -> t
